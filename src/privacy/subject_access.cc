#include "privacy/subject_access.h"

#include <algorithm>
#include <set>

#include "access/users.h"
#include "development/json.h"
#include "exchange/sheets.h"
#include "org/json.h"
#include "privacy/archive.h"
#include "privacy/subject.h"
#include "succession/json.h"
#include "talent/json.h"

namespace trellis::privacy {
namespace {

using nlohmann::json;

constexpr char kPerson[] = "person";
constexpr char kPosts[] = "posts";
constexpr char kMemberships[] = "memberships";
constexpr char kLineManagement[] = "line_management";
constexpr char kAssessments[] = "assessments";
constexpr char kRatings[] = "ratings";
constexpr char kRatingAdjustments[] = "rating_adjustments";
constexpr char kRiskOfLoss[] = "risk_of_loss";
constexpr char kSuccessorOn[] = "successor_on";
constexpr char kDevelopmentActions[] = "development_actions";
constexpr char kNamedInOthersRecords[] = "named_in_others_records";
constexpr char kUserAccounts[] = "user_accounts";
constexpr char kAuditEntries[] = "audit_entries";

// One line of named_in_others_records: a record about someone else in which the person plays
// a part. Only the part is theirs: the record's content is the other person's data.
json NamedIn(std::string_view record, int64_t id, std::string_view as, std::string on) {
  return {{"record", record}, {"id", id}, {"as", as}, {"on", std::move(on)}};
}

// `row` with the reference and title of the post it is about, for a reader of the file.
Result<json> WithPost(store::Store& store, TrustId trust, PostId id, json row) {
  const auto post = TRY(store.GetPost(trust, id));
  row["post_reference"] = post.reference;
  row["post_title"] = post.title;
  return row;
}

Result<json> Posts(store::Store& store, TrustId trust, PersonId person) {
  json out = json::array();
  auto holdings = TRY(store.ListHoldings({.trust = trust, .person = person, .page = store::kEveryRow}));
  for (const auto& h : holdings.items) {
    json row = TRY(WithPost(store, trust, h.post, org::ToJson(h)));
    out.push_back(std::move(row));
  }
  return out;
}

Result<json> Memberships(store::Store& store, TrustId trust, PersonId person) {
  json out = json::array();
  auto memberships =
      TRY(store.ListMemberships({.trust = trust, .person = person, .page = store::kEveryRow}));
  for (const auto& m : memberships.items) {
    json row = org::ToJson(m);
    row["body_name"] = TRY(store.GetBody(trust, m.body)).name;
    out.push_back(std::move(row));
  }
  return out;
}

Result<json> LineManagement(store::Store& store, TrustId trust, PersonId person) {
  json out = json::array();
  auto managed = TRY(store.ListLineLinks({.trust = trust, .report = person, .page = store::kEveryRow}));
  auto manages = TRY(store.ListLineLinks({.trust = trust, .manager = person, .page = store::kEveryRow}));
  for (const auto& links : {managed.items, manages.items})
    for (const auto& link : links) out.push_back(org::ToJson(link));
  return out;
}

Result<json> Assessments(store::Store& store, TrustId trust, PersonId person) {
  json out = json::array();
  auto assessments =
      TRY(store.ListAssessments({.trust = trust, .person = person, .page = store::kEveryRow}));
  for (const auto& a : assessments.items) {
    json row = talent::ToJson(a);
    const auto competency = TRY(store.GetCompetency(trust, a.competency));
    row["competency_code"] = competency.code;
    row["competency_name"] = competency.name;
    out.push_back(std::move(row));
  }
  return out;
}

// The ratings with their adjustments nested, and the adjustments again as a list of their own
// (the CSV file of each kind is flat).
struct Ratings {
  json ratings = json::array();
  json adjustments = json::array();
};

Result<Ratings> RatingsOf(store::Store& store, TrustId trust, PersonId person) {
  Ratings out;
  auto ratings = TRY(store.ListRatings({.trust = trust, .person = person, .page = store::kEveryRow}));
  for (const auto& r : ratings.items) {
    json row = talent::ToJson(r);
    const auto cycle = TRY(store.GetReviewCycle(trust, r.cycle));
    row["cycle_year"] = cycle.year;
    row["cycle_name"] = cycle.name;
    row["adjustments"] = json::array();
    auto adjustments =
        TRY(store.ListRatingAdjustments({.trust = trust, .rating = r.id, .page = store::kEveryRow}));
    for (const auto& a : adjustments.items) {
      row["adjustments"].push_back(talent::ToJson(a));
      out.adjustments.push_back(talent::ToJson(a));
    }
    out.ratings.push_back(std::move(row));
  }
  return out;
}

Result<json> SuccessorOn(store::Store& store, TrustId trust, PersonId person) {
  json out = json::array();
  auto candidacies =
      TRY(store.ListPlanCandidates({.trust = trust, .person = person, .page = store::kEveryRow}));
  for (const auto& c : candidacies.items) {
    const auto plan = TRY(store.GetSuccessionPlan(trust, c.plan));
    json row = TRY(WithPost(store, trust, plan.post, succession::ToJson(c)));
    out.push_back(std::move(row));
  }
  return out;
}

Result<json> NamedInOthersRecords(store::Store& store, TrustId trust, const Subject& subject) {
  const PersonId person = subject.person.id;
  json out = json::array();
  auto given = TRY(store.ListRatings({.trust = trust, .rater = person, .page = store::kEveryRow}));
  for (const auto& r : given.items)
    if (r.person != person) out.push_back(NamedIn("rating", r.id.value(), "rater", ToIso(r.proposed_at)));
  // Assessments have no filter by assessor: the trust's are few enough to read whole here.
  auto assessments = TRY(store.ListAssessments({.trust = trust, .page = store::kEveryRow}));
  for (const auto& a : assessments.items)
    if (a.assessor == person && a.person != person)
      out.push_back(NamedIn("assessment", a.id.value(), "assessor", a.assessed_on.ToIso()));
  auto owned = TRY(store.ListDevelopmentActions({.trust = trust, .owner = person, .page = store::kEveryRow}));
  for (const auto& a : owned.items)
    if (a.person != person)
      out.push_back(NamedIn("development_action", a.id.value(), "owner", a.raised_on.ToIso()));
  if (!subject.users.empty()) {
    auto adjustments = TRY(store.ListRatingAdjustments({.trust = trust, .page = store::kEveryRow}));
    for (const auto& a : adjustments.items)
      for (const auto& user : subject.users)
        if (a.by_user == user.id)
          out.push_back(NamedIn("rating_adjustment", a.id.value(), "adjusted_by", ToIso(a.at)));
  }
  return out;
}

// One CSV file of records: a column for every key any of them has (in the order first seen),
// nested values as JSON text.
std::string CsvOf(const json& records) {
  std::vector<std::string> keys;
  for (const json& record : records)
    for (const auto& [key, value] : record.items())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  std::vector<exchange::SheetColumn> columns;
  for (const auto& key : keys) columns.push_back({key, false});
  exchange::CsvWriter csv;
  csv.Begin(columns);
  for (const json& record : records) {
    std::vector<std::string> cells;
    for (const auto& key : keys) {
      const auto found = record.find(key);
      if (found == record.end() || found->is_null())
        cells.emplace_back();
      else if (found->is_string())
        cells.push_back(found->get<std::string>());
      else
        cells.push_back(found->dump());
    }
    csv.Row(cells);
  }
  return std::move(csv).Finish();
}

std::string Readme(const json& record, Instant now) {
  std::string text =
      "Subject-access export from trellis\r\n"
      "==================================\r\n\r\n"
      "Everything trellis holds about one person, taken " + ToIso(now) + ".\r\n\r\n"
      "person.json holds it all, nested under the person. Each CSV file holds one kind of\r\n"
      "record (UTF-8, for a spreadsheet):\r\n\r\n";
  for (std::string_view kind : ExportKinds())
    text += "  " + std::string(kind) + ".csv: " + std::to_string(record.at(std::string(kind)).size()) +
            (kind == kPerson ? " (the person)" : " records") + "\r\n";
  text +=
      "\r\nnamed_in_others_records lists records about other people in which this person is\r\n"
      "named (as rater, assessor, owner or adjuster): only the part they play, not the other\r\n"
      "person's data. No password or session token is ever exported.\r\n";
  return text;
}

std::string SafeFileName(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return text;
}

}  // namespace

const std::vector<PersonColumn>& PersonColumns() {
  static const std::vector<PersonColumn> columns = {
      {"holdings", "person_id", kPosts, ""},
      {"memberships", "person_id", kMemberships, ""},
      {"line_links", "manager_id", kLineManagement, ""},
      {"line_links", "report_id", kLineManagement, ""},
      {"users", "person_id", kUserAccounts, ""},
      {"sessions", "user_id", "", "only hashes of session tokens: never exported; erasure ends them"},
      {"audit_log", "user_id", kAuditEntries, ""},
      {"assessments", "person_id", kAssessments, ""},
      {"assessments", "assessor_id", kNamedInOthersRecords, ""},
      {"ratings", "person_id", kRatings, ""},
      {"ratings", "rater_id", kNamedInOthersRecords, ""},
      {"rating_adjustments", "by_user_id", kNamedInOthersRecords, ""},
      {"loss_risks", "person_id", kRiskOfLoss, ""},
      {"plan_candidates", "person_id", kSuccessorOn, ""},
      {"development_actions", "person_id", kDevelopmentActions, ""},
      {"development_actions", "owner_id", kNamedInOthersRecords, ""},
      {"person_erasures", "person_id", kPerson, ""},
  };
  return columns;
}

const std::vector<std::string_view>& ExportKinds() {
  static const std::vector<std::string_view> kinds = {
      kPerson,      kPosts,        kMemberships,        kLineManagement,      kAssessments,
      kRatings,     kRatingAdjustments, kRiskOfLoss,    kSuccessorOn,         kDevelopmentActions,
      kNamedInOthersRecords, kUserAccounts, kAuditEntries};
  return kinds;
}

Result<json> CollectPersonRecord(store::Store& store, TrustId trust, PersonId person) {
  const Subject subject = TRY(SubjectOf(store, trust, person));
  json record = json::object();
  json self = org::ToJson(subject.person);
  const auto erased = TRY(store.FindErasure(trust, person));
  self["erased_on"] = erased ? json(erased->ToIso()) : json(nullptr);
  record[kPerson] = std::move(self);
  record[kPosts] = TRY(Posts(store, trust, person));
  record[kMemberships] = TRY(Memberships(store, trust, person));
  record[kLineManagement] = TRY(LineManagement(store, trust, person));
  record[kAssessments] = TRY(Assessments(store, trust, person));
  auto ratings = TRY(RatingsOf(store, trust, person));
  record[kRatings] = std::move(ratings.ratings);
  record[kRatingAdjustments] = std::move(ratings.adjustments);
  json risk = json::array();
  if (auto found = TRY(store.FindLossRisk(trust, person))) risk.push_back(succession::ToJson(*found));
  record[kRiskOfLoss] = std::move(risk);
  record[kSuccessorOn] = TRY(SuccessorOn(store, trust, person));
  json actions = json::array();
  auto listed = TRY(store.ListDevelopmentActions({.trust = trust, .person = person, .page = store::kEveryRow}));
  for (const auto& a : listed.items) actions.push_back(development::ToJson(a));
  record[kDevelopmentActions] = std::move(actions);
  record[kNamedInOthersRecords] = TRY(NamedInOthersRecords(store, trust, subject));
  json users = json::array();
  for (const auto& user : subject.users) users.push_back(access::ToJson(user));
  record[kUserAccounts] = std::move(users);
  json audit = json::array();
  for (const auto& entry : TRY(AuditEntriesAbout(store, subject))) audit.push_back(access::ToJson(entry));
  record[kAuditEntries] = std::move(audit);
  return record;
}

Result<SubjectAccessArchive> ExportPerson(store::Store& store, TrustId trust, PersonId person,
                                          const org::Actor& actor, Instant now) {
  json record;
  // The records of reads still in the server's journal belong in the export too.
  TRY(store.SettleReadRecords());
  TRY(store.Transact([&](store::Store& tx) -> Result<void> {
    record = TRY(CollectPersonRecord(tx, trust, person));
    return tx.Append(org::AuditEntryOf(actor, now, trust, "read", "person", person.value(), "",
                                       json({{"read", "subject_access_export"}}).dump()));
  }));
  std::vector<ArchiveFile> files;
  files.push_back({"README.txt", Readme(record, now)});
  files.push_back({"person.json", record.dump(2)});
  for (std::string_view kind : ExportKinds()) {
    const json& rows = record.at(std::string(kind));
    files.push_back({std::string(kind) + ".csv", CsvOf(rows.is_array() ? rows : json::array({rows}))});
  }
  SubjectAccessArchive archive;
  archive.file_name = "subject-access-" + SafeFileName(record[kPerson]["reference"].get<std::string>()) +
                      "-" + DateOf(now).ToIso() + ".zip";
  archive.bytes = TRY(WriteArchive(files));
  return archive;
}

}  // namespace trellis::privacy
