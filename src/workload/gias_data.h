#pragma once
// data/gias/*.csv compiled into the binary (src/CMakeLists.txt, trellis_embed_text), so that
// `trellis generate` needs no files beside it.

#include <string_view>

namespace trellis::workload {

std::string_view EstablishmentsCsv();     // data/gias/establishments_2022-07-06.csv
std::string_view AcademyTrustLinksCsv();  // data/gias/academy_trust_links_2016-12.csv

}  // namespace trellis::workload
