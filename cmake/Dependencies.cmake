# The one place where trellis declares what it depends on. Every package comes from
# Debian 12. Each line's "debian:" comment names the packages that provide it;
# scripts/setup.sh installs exactly those, so this file is the only list to keep.
#
# debian: g++ cmake ninja-build pkg-config ccache          (the toolchain)
# debian: clang libclang-rt-14-dev                          (sanitizer and fuzz builds of the tests)
# debian: wrk python3                                       (the soak test, tests/soak)
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)  # debian: nlohmann-json3-dev
find_package(tl-expected REQUIRED)         # debian: libexpected-dev
find_package(CLI11 REQUIRED)               # debian: libcli11-dev
find_package(fmt REQUIRED)                 # debian: libfmt-dev
find_package(spdlog REQUIRED)              # debian: libspdlog-dev
find_package(GTest REQUIRED)               # debian: libgtest-dev libgmock-dev
find_package(benchmark REQUIRED)           # debian: libbenchmark-dev
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.40)  # debian: libsqlite3-dev sqlite3
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq>=15)          # debian: libpq-dev postgresql-15
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)       # debian: libsodium-dev
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)  # debian: libxlsxwriter-dev
find_package(OpenSSL 3.0 REQUIRED)            # debian: libssl-dev   (ID-token signatures; ADR 0007)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip>=1.7)      # debian: libzip-dev
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)    # debian: libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
# Browser tests only (scripts/setup.sh --browser):                 # debian-browser: chromium
# National benchmarks only (scripts/setup.sh --bench):           # debian-bench: python3-numpy sqlite3
