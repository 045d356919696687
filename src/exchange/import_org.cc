// The importers of the organisation's records: schools (and GIAS downloads), governance
// bodies, people, posts, post holdings, memberships of bodies and line management links.

#include <limits>
#include <set>

#include "exchange/csv.h"
#include "exchange/importer.h"
#include "org/json.h"

namespace trellis::exchange {
namespace {

// ---------------------------------------------------------------------------------- schools

struct SchoolColumns {
  size_t urn, name, phase, type, status, local_authority, region, pupils, postcode, easting,
      northing;
};
constexpr SchoolColumns kSchoolFileColumns{
    school_col::kUrn,      school_col::kName,           school_col::kPhase,   school_col::kType,
    school_col::kStatus,   school_col::kLocalAuthority, school_col::kRegion,  school_col::kPupils,
    school_col::kPostcode, school_col::kEasting,        school_col::kNorthing};
constexpr SchoolColumns kGiasColumns{
    gias_col::kUrn,      gias_col::kName,           gias_col::kPhase,   gias_col::kType,
    gias_col::kStatus,   gias_col::kLocalAuthority, gias_col::kRegion,  gias_col::kPupils,
    gias_col::kPostcode, gias_col::kEasting,        gias_col::kNorthing};

class SchoolImporter final : public Importer {
 public:
  // GIAS files: `only_trust` keeps only rows whose "Trusts (code)" is that reference.
  SchoolImporter(TrustId trust, bool gias, std::optional<std::string> only_trust)
      : trust_(trust), gias_(gias), only_trust_(std::move(only_trust)) {}

  Result<void> Load(store::Store& store) override {
    for (auto& school : TRY(AllSchools(store, trust_))) by_urn_.emplace(school.urn, school);
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    const SchoolColumns& c = gias_ ? kGiasColumns : kSchoolFileColumns;
    if (gias_ && !Wanted(r)) return;
    const auto urn = r.RequiredWholeNumber(c.urn);
    const org::School* stored = urn ? Find(by_urn_, *urn) : nullptr;
    org::School s = stored ? *stored : org::School{.trust = trust_};
    if (urn) s.urn = *urn;
    r.Read(c.name, s.name);
    r.Read(c.phase, s.phase);
    r.Read(c.type, s.type);
    r.Read(c.status, s.status);
    r.Read(c.local_authority, s.local_authority);
    r.Read(c.region, s.region);
    r.Read(c.pupils, s.pupils);
    r.Read(c.postcode, s.postcode);
    r.Read(c.easting, s.easting);
    r.Read(c.northing, s.northing);
    r.Report(org::Check(s));
    if (urn) first_rows_.Claim(*urn, r, c.urn, problems);
    if (r.ok()) plan_.Add(std::move(s), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "school");
  }

 private:
  // GIAS rows of other trusts, and closed establishments the trust does not already have,
  // are not imported (nor checked).
  bool Wanted(const RowReader& r) const {
    if (only_trust_ && !EqualsIgnoringCase(r.Text(gias_col::kTrustCode), *only_trust_))
      return false;
    if (!EqualsIgnoringCase(r.Text(gias_col::kStatus), "Closed")) return true;
    const auto urn = ParseWholeNumber(r.Text(gias_col::kUrn));
    return urn && by_urn_.contains(*urn);
  }

  TrustId trust_;
  bool gias_;
  std::optional<std::string> only_trust_;
  std::unordered_map<int64_t, org::School> by_urn_;
  FirstRows<int64_t> first_rows_;
  Plan<org::School> plan_;
};

// ----------------------------------------------------------------------------------- bodies

class BodyImporter final : public Importer {
 public:
  explicit BodyImporter(TrustId trust) : trust_(trust) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& school : TRY(AllSchools(store, trust_)))
      schools_.emplace(std::to_string(school.urn), school.id);
    stored_ = TRY(AllBodies(store, trust_));
    for (const auto& body : stored_) {
      by_name_.emplace(body.name, &body);
      name_of_.emplace(body.id, body.name);
    }
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace body_col;
    const std::string name(r.Text(kName));
    const auto* found = name.empty() ? nullptr : Find(by_name_, name);
    const org::Body* stored = found ? *found : nullptr;
    Candidate c{.row = r.row(),
                .record = stored ? *stored : org::Body{.trust = trust_, .name = name},
                .stored = stored};
    r.Read(kKind, c.record.kind, std::nullopt);
    if (r.present(kSchoolUrn)) {
      c.record.school.reset();
      if (!r.Text(kSchoolUrn).empty())
        c.record.school = r.Reference(kSchoolUrn, schools_,
                                      "no school in the trust has this URN; import schools first");
    }
    if (r.present(kParent)) {
      c.parent_given = true;
      c.parent = r.Text(kParent);
      if (!c.parent.empty() && c.parent == name)
        r.AddProblem(kParent, "a body cannot be its own parent", c.parent);
    }
    // Check only needs to know whether there is a parent; its id is settled in Finish.
    org::Body checked = c.record;
    if (c.parent_given)
      checked.parent = c.parent.empty()
                           ? std::nullopt
                           : std::optional(BodyId(std::numeric_limits<int64_t>::max()));
    r.Report(org::Check(checked));
    if (!name.empty()) first_rows_.Claim(name, r, kName, problems);
    if (r.ok()) candidates_.push_back(std::move(c));
  }

  void Finish(const Sheet& sheet, ProblemList& problems) override {
    StringMap<const Candidate*> in_file;
    for (const auto& c : candidates_) in_file.emplace(c.record.name, &c);
    bool failed = false;
    for (const auto& c : candidates_) {
      if (!c.parent_given || c.parent.empty()) continue;
      if (!in_file.contains(c.parent) && !by_name_.contains(c.parent)) {
        problems.Add(c.row, sheet.HeaderOf(body_col::kParent),
                     "no body in the trust or in this file has this name", c.parent);
        failed = true;
      }
    }
    if (failed) return;
    // The parent of each body once the file is applied, to refuse a circle of parents.
    auto parent_of = [&](const std::string& name) -> std::string {
      if (const auto* c = Find(in_file, name); c && (*c)->parent_given) return (*c)->parent;
      const auto* stored = Find(by_name_, name);
      if (!stored || !(*stored)->parent) return {};
      const auto* parent_name = Find(name_of_, *(*stored)->parent);
      return parent_name ? *parent_name : std::string();
    };
    const size_t limit = candidates_.size() + stored_.size() + 1;
    for (const auto& c : candidates_) {
      std::string at = parent_of(c.record.name);
      for (size_t steps = 0; !at.empty() && steps < limit; ++steps) {
        if (at == c.record.name) {
          problems.Add(c.row, sheet.HeaderOf(body_col::kParent),
                       "the parent bodies go round in a circle back to this body", c.parent);
          failed = true;
          break;
        }
        at = parent_of(at);
      }
    }
    if (failed) return;
    for (auto& c : candidates_) {
      if (c.parent_given) {
        c.record.parent.reset();
        if (!c.parent.empty()) {
          if (const auto* stored = Find(by_name_, c.parent))
            c.record.parent = (*stored)->id;
          else
            c.parent_is_new = true;
        }
      }
      if (!c.stored)
        ++counts_.created;
      else if (!c.parent_is_new && SameRecord(*c.stored, c.record))
        ++counts_.unchanged;
      else
        ++counts_.updated;
    }
  }

  Counts counts() const override { return counts_; }

  // Parents first: a body whose parent is new in this file waits until that parent is in.
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    StringMap<BodyId> ids;
    for (const auto& body : stored_) ids.emplace(body.name, body.id);
    std::vector<Candidate*> pending;
    for (auto& c : candidates_)
      if (!c.stored || c.parent_is_new || !SameRecord(*c.stored, c.record)) pending.push_back(&c);
    while (!pending.empty()) {
      std::vector<Candidate*> waiting;
      for (Candidate* c : pending) {
        if (c->parent_is_new) {
          const auto* parent = Find(ids, c->parent);
          if (!parent) {
            waiting.push_back(c);
            continue;
          }
          c->record.parent = *parent;
        }
        if (c->stored) {
          TRY(tx.Update(c->record));
          TRY(audit.Append(tx, "body", c->record.id.value(), org::ToJson(*c->stored).dump(),
                           org::ToJson(c->record).dump()));
        } else {
          const org::Body inserted = TRY(tx.Insert(c->record));
          ids.emplace(inserted.name, inserted.id);
          TRY(audit.Append(tx, "body", inserted.id.value(), {}, org::ToJson(inserted).dump()));
        }
      }
      if (waiting.size() == pending.size())
        return Fail(ErrorCode::kInternal, "bodies import: parents could not be ordered");
      pending = std::move(waiting);
    }
    return Ok();
  }

 private:
  struct Candidate {
    int64_t row = 0;
    org::Body record;
    const org::Body* stored = nullptr;
    bool parent_given = false;   // the file has a parent column
    std::string parent;          // its cell: the parent's name, or empty for none
    bool parent_is_new = false;  // the parent is created by this file
  };

  TrustId trust_;
  StringMap<SchoolId> schools_;  // by URN as text
  std::vector<org::Body> stored_;
  StringMap<const org::Body*> by_name_;
  std::unordered_map<BodyId, std::string> name_of_;
  FirstRows<std::string> first_rows_;
  std::vector<Candidate> candidates_;
  Counts counts_;
};

// ----------------------------------------------------------------------------------- people

class PersonImporter final : public Importer {
 public:
  PersonImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    auto people = TRY(AllPeople(store, trust_, today_));
    by_reference_.reserve(people.size());
    for (auto& person : people) by_reference_.emplace(person.reference, std::move(person));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace person_col;
    const std::string_view reference = r.Text(kReference);
    const org::Person* stored = reference.empty() ? nullptr : Find(by_reference_, reference);
    org::Person p = stored ? *stored : org::Person{.trust = trust_};
    p.reference = reference;
    r.Read(kGivenName, p.given_name);
    r.Read(kFamilyName, p.family_name);
    r.Read(kEmail, p.email);
    r.Read(kStage, p.stage);
    r.Read(kJoined, p.joined_trust);
    r.Read(kLeft, p.left_trust);
    r.Report(org::Check(p));
    if (!reference.empty()) first_rows_.Claim(reference, r, kReference, problems);
    if (r.ok()) plan_.Add(std::move(p), stored);
  }

  // A national file has a million rows: growing the map of references as they come moved
  // every key several times.
  void Expect(size_t rows) override { first_rows_.Reserve(rows); }
  // A person's row stands alone (a reference twice is a problem, which stops the writing).
  bool WritesAsItReads() const override { return true; }
  void Seal() override { plan_.Seal(); }
  Result<void> WriteSealed(store::Store& tx, const Audit& audit) override {
    return plan_.WriteSealed(tx, audit, "person");
  }
  void DropPlanned() override { plan_.DropPlanned(); }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "person");
  }

 private:
  TrustId trust_;
  Date today_;
  StringMap<org::Person> by_reference_;
  FirstRows<std::string> first_rows_;
  Plan<org::Person> plan_;
};

// ------------------------------------------------------------------------------------ posts

class PostImporter final : public Importer {
 public:
  PostImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& school : TRY(AllSchools(store, trust_)))
      schools_.emplace(std::to_string(school.urn), school.id);
    for (const auto& body : TRY(AllBodies(store, trust_))) bodies_.emplace(body.name, body.id);
    auto posts = TRY(AllPosts(store, trust_, today_));
    by_reference_.reserve(posts.size());
    for (auto& post : posts) by_reference_.emplace(post.reference, std::move(post));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace post_col;
    const std::string_view reference = r.Text(kReference);
    const org::Post* stored = reference.empty() ? nullptr : Find(by_reference_, reference);
    org::Post p = stored ? *stored : org::Post{.trust = trust_};
    p.reference = reference;
    r.Read(kTitle, p.title);
    if (r.present(kSchoolUrn)) {
      p.school.reset();
      if (!r.Text(kSchoolUrn).empty())
        p.school = r.Reference(kSchoolUrn, schools_,
                               "no school in the trust has this URN; import schools first");
    }
    if (r.present(kBody)) {
      p.body.reset();
      if (!r.Text(kBody).empty())
        p.body = r.Reference(kBody, bodies_,
                             "no governance body in the trust has this name; import bodies first");
    }
    r.Read(kFamily, p.family, std::nullopt);
    r.Read(kStage, p.stage);
    if (r.present(kCensusRole)) {
      r.Read(kCensusRole, p.workforce_census_role);
      const auto canonical = org::CanonicalWorkforceCensusRole(p.workforce_census_role);
      if (!canonical.empty()) p.workforce_census_role = canonical;
    }
    r.Read(kFte, p.fte, 1.0);
    r.Read(kKey, p.key, false);
    r.Report(org::Check(p));
    if (!reference.empty()) first_rows_.Claim(reference, r, kReference, problems);
    if (r.ok()) plan_.Add(std::move(p), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "post");
  }

 private:
  TrustId trust_;
  Date today_;
  StringMap<SchoolId> schools_;
  StringMap<BodyId> bodies_;
  StringMap<org::Post> by_reference_;
  FirstRows<std::string> first_rows_;
  Plan<org::Post> plan_;
};

// ---------------------------------------------------------------------------------- holdings

class HoldingImporter final : public Importer {
 public:
  HoldingImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& post : TRY(AllPosts(store, trust_, today_)))
      posts_.emplace(post.reference, post.id);
    people_ = PersonIds(TRY(AllPeople(store, trust_, today_)));
    for (auto& h : TRY(AllHoldings(store, trust_)))
      stored_.emplace(KeyOf(h.post, h.person, h.start), std::move(h));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace holding_col;
    const auto post = r.Reference(kPost, posts_, kUnknownPost);
    const auto person = r.Reference(kPerson, people_, kUnknownPerson);
    const auto start = r.RequiredDate(kStart);
    const bool keyed = post && person && start;
    const LinkKey key = keyed ? KeyOf(*post, *person, *start) : LinkKey{};
    const org::Holding* stored = keyed ? Find(stored_, key) : nullptr;
    org::Holding h = stored ? *stored : org::Holding{.trust = trust_};
    if (post) h.post = *post;
    if (person) h.person = *person;
    if (start) h.start = *start;
    r.Read(kEnd, h.end);
    r.Read(kContract, h.contract, std::optional(org::ContractType::kPermanent));
    r.Read(kFte, h.fte, 1.0);
    r.Report(org::Check(h));
    if (keyed) first_rows_.Claim(key, r, kStart, problems);
    if (r.ok()) plan_.Add(std::move(h), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "holding");
  }

 private:
  static LinkKey KeyOf(PostId post, PersonId person, Date start) {
    return {post.value(), person.value(), DayNumber(start), 0};
  }

  TrustId trust_;
  Date today_;
  StringMap<PostId> posts_;
  StringMap<PersonId> people_;
  std::unordered_map<LinkKey, org::Holding, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<org::Holding> plan_;
};

// ------------------------------------------------------------------------------- memberships

class MembershipImporter final : public Importer {
 public:
  MembershipImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& body : TRY(AllBodies(store, trust_))) bodies_.emplace(body.name, body.id);
    people_ = PersonIds(TRY(AllPeople(store, trust_, today_)));
    for (auto& m : TRY(AllMemberships(store, trust_)))
      stored_.emplace(KeyOf(m.body, m.person, m.role, m.term_start), std::move(m));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace membership_col;
    const auto body = r.Reference(
        kBody, bodies_, "no governance body in the trust has this name; import bodies first");
    const auto person = r.Reference(kPerson, people_, kUnknownPerson);
    std::optional<org::MembershipRole> role;
    if (r.Text(kRole).empty())
      r.AddProblem(kRole, "is required", {});
    else
      r.Read(kRole, role);
    const auto term_start = r.RequiredDate(kTermStart);
    const bool keyed = body && person && role && term_start;
    const LinkKey key = keyed ? KeyOf(*body, *person, *role, *term_start) : LinkKey{};
    const org::Membership* stored = keyed ? Find(stored_, key) : nullptr;
    org::Membership m = stored ? *stored : org::Membership{.trust = trust_};
    if (body) m.body = *body;
    if (person) m.person = *person;
    if (role) m.role = *role;
    if (term_start) m.term_start = *term_start;
    r.Read(kTermEnd, m.term_end);
    r.Report(org::Check(m));
    if (keyed) first_rows_.Claim(key, r, kTermStart, problems);
    if (r.ok()) plan_.Add(std::move(m), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "membership");
  }

 private:
  static LinkKey KeyOf(BodyId body, PersonId person, org::MembershipRole role, Date start) {
    return {body.value(), person.value(), static_cast<int64_t>(role), DayNumber(start)};
  }

  TrustId trust_;
  Date today_;
  StringMap<BodyId> bodies_;
  StringMap<PersonId> people_;
  std::unordered_map<LinkKey, org::Membership, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<org::Membership> plan_;
};

// -------------------------------------------------------------------------------- line links

class LineLinkImporter final : public Importer {
 public:
  LineLinkImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    people_ = PersonIds(TRY(AllPeople(store, trust_, today_)));
    for (auto& l : TRY(AllLineLinks(store, trust_)))
      stored_.emplace(KeyOf(l.manager, l.report, l.start), std::move(l));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace line_link_col;
    const auto manager = r.Reference(kManager, people_, kUnknownPerson);
    const auto report = r.Reference(kReport, people_, kUnknownPerson);
    const auto start = r.RequiredDate(kStart);
    const bool keyed = manager && report && start;
    const LinkKey key = keyed ? KeyOf(*manager, *report, *start) : LinkKey{};
    const org::LineLink* stored = keyed ? Find(stored_, key) : nullptr;
    org::LineLink l = stored ? *stored : org::LineLink{.trust = trust_};
    if (manager) l.manager = *manager;
    if (report) l.report = *report;
    if (start) l.start = *start;
    r.Read(kEnd, l.end);
    r.Report(org::Check(l));
    if (keyed) first_rows_.Claim(key, r, kStart, problems);
    if (r.ok()) plan_.Add(std::move(l), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "line_link");
  }

 private:
  static LinkKey KeyOf(PersonId manager, PersonId report, Date start) {
    return {manager.value(), report.value(), DayNumber(start), 0};
  }

  TrustId trust_;
  Date today_;
  StringMap<PersonId> people_;
  std::unordered_map<LinkKey, org::LineLink, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<org::LineLink> plan_;
};

}  // namespace

// Which rows of a GIAS file belong to the trust. A download of every establishment in
// England names hundreds of trusts in "Trusts (code)"; importing it whole into one trust
// would be wrong, and quietly importing nothing would be too. So:
//  - the trust has a reference (TRxxxxx): only rows naming it; none naming it is a problem;
//  - it has none: a file naming at most one trust (already filtered to the trust's schools,
//    or without the column) is taken whole; a file naming several is a problem.
// Returns the code to keep rows by, or nullopt for every row; adds a problem when refused.
std::optional<std::string> GiasTrustFilter(std::string_view text, const org::Trust& trust,
                                           ProblemList& problems) {
  csv::Reader reader(text);
  if (!reader.Next()) return std::nullopt;
  ProblemList ignored;
  const std::vector<std::string> header(reader.fields().begin(), reader.fields().end());
  const Sheet sheet(Kind::kGias, header, ignored);
  if (!sheet.has(gias_col::kTrustCode)) return std::nullopt;
  std::set<std::string> codes;
  bool names_ours = false;
  while (reader.Next()) {
    const std::string code(Trim(sheet.Cell(reader.fields(), gias_col::kTrustCode)));
    if (code.empty()) continue;
    codes.insert(code);
    names_ours =
        names_ours || (!trust.reference.empty() && EqualsIgnoringCase(code, trust.reference));
  }
  if (!trust.reference.empty()) {
    if (!names_ours)
      problems.Add(std::nullopt, "Trusts (code)",
                   "no school in this file belongs to " + trust.reference +
                       " (this trust's reference); check the reference, or download the "
                       "trust's own establishments from Get Information about Schools");
    return trust.reference;
  }
  if (codes.size() > 1)
    problems.Add(std::nullopt, "Trusts (code)",
                 "this file lists the schools of " + std::to_string(codes.size()) +
                     " trusts; set this trust's reference (its DfE group id, such as TR00746) "
                     "so that only its schools are taken");
  return std::nullopt;
}

std::unique_ptr<Importer> MakeOrgImporter(Kind kind, const ImportOptions& options,
                                          std::optional<std::string> gias_trust) {
  switch (kind) {
    case Kind::kSchools:
      return std::make_unique<SchoolImporter>(options.trust, false, std::nullopt);
    case Kind::kGias:
      return std::make_unique<SchoolImporter>(options.trust, true, std::move(gias_trust));
    case Kind::kBodies:
      return std::make_unique<BodyImporter>(options.trust);
    case Kind::kPeople:
      return std::make_unique<PersonImporter>(options.trust, options.today);
    case Kind::kPosts:
      return std::make_unique<PostImporter>(options.trust, options.today);
    case Kind::kHoldings:
      return std::make_unique<HoldingImporter>(options.trust, options.today);
    case Kind::kMemberships:
      return std::make_unique<MembershipImporter>(options.trust, options.today);
    case Kind::kLineLinks:
      return std::make_unique<LineLinkImporter>(options.trust, options.today);
    default:
      return nullptr;
  }
}

}  // namespace trellis::exchange
