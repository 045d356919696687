# The one place where trellis declares what it depends on. Every package here comes
# from Debian 12; scripts/setup.sh installs the matching apt packages (keep both in step).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)            # nlohmann-json3-dev
find_package(tl-expected REQUIRED)                   # libexpected-dev
find_package(CLI11 REQUIRED)                         # libcli11-dev
find_package(fmt REQUIRED)                           # libfmt-dev
find_package(spdlog REQUIRED)                        # libspdlog-dev
find_package(GTest REQUIRED)                         # libgtest-dev, libgmock-dev
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.40)     # libsqlite3-dev
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)          # libsodium-dev
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)     # libxlsxwriter-dev
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)       # libcpp-httplib-dev
