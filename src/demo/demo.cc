#include "demo/demo.h"

#include <nlohmann/json.hpp>

#include "access/password.h"
#include "demo/plan.h"
#include "demo/review.h"
#include "demo/succession.h"
#include "demo/talent.h"
#include "demo/trend.h"
#include "talent/frameworks.h"

namespace trellis::demo {
namespace {

constexpr std::string_view kActor = "demo";

[[nodiscard]] Result<std::optional<org::Trust>> FindDemoTrust(store::Store& store) {
  for (auto& trust : TRY(store.ListTrusts()))
    if (trust.reference == kDemoTrustReference) return std::optional<org::Trust>(std::move(trust));
  return std::optional<org::Trust>();
}

// Plan ids are 1-based positions in the plan's lists (see DemoPlan); `stored` holds the
// ids the store gave the same records, in the same order.
template <typename Tag>
Id<Tag> Stored(const std::vector<Id<Tag>>& stored, Id<Tag> plan_id) {
  return stored.at(static_cast<size_t>(plan_id.value() - 1));
}

template <typename Tag>
std::optional<Id<Tag>> Stored(const std::vector<Id<Tag>>& stored,
                              const std::optional<Id<Tag>>& plan_id) {
  if (!plan_id) return std::nullopt;
  return Stored(stored, *plan_id);
}

std::vector<DemoSignIn> SignIns() {
  std::vector<DemoSignIn> sign_ins;
  for (const auto& account : DemoAccounts())
    sign_ins.push_back({std::string(account.email), std::string(kDemoPassword), account.role,
                        std::string(account.who)});
  return sign_ins;
}

[[nodiscard]] Result<DemoSummary> Summarise(store::Store& store, TrustId trust, Date today,
                                            bool already_present) {
  const store::Page count_only{.limit = 1};
  DemoSummary summary;
  summary.trust = trust;
  summary.schools = TRY(store.ListSchools({.trust = trust, .page = count_only})).total;
  summary.people =
      TRY(store.ListPeople(
              {.trust = trust, .include_leavers = true, .today = today, .page = count_only}))
          .total;
  summary.posts = TRY(store.ListPosts({.trust = trust, .today = today, .page = count_only})).total;
  summary.key_posts =
      TRY(store.ListPosts({.trust = trust, .key = true, .today = today, .page = count_only})).total;
  summary.bodies = TRY(store.ListBodies({.trust = trust, .page = count_only})).total;
  summary.sign_ins = SignIns();
  summary.already_present = already_present;
  return summary;
}

// Inserts every record of `plan` through `tx`, parents before children, translating plan
// ids into stored ids as it goes. `password_hashes` is index for index with DemoAccounts().
[[nodiscard]] Result<TrustId> WritePlan(store::Store& tx, const DemoPlan& plan,
                                        const std::vector<std::string>& password_hashes,
                                        Instant now) {
  org::Trust trust = plan.trust;
  trust.id = {};
  trust.created_at = now;
  const TrustId trust_id = TRY(tx.Insert(trust)).id;

  std::vector<SchoolId> schools;
  for (org::School school : plan.schools) {
    school.id = {};
    school.trust = trust_id;
    schools.push_back(TRY(tx.Insert(school)).id);
  }

  std::vector<BodyId> bodies;
  for (org::Body body : plan.bodies) {
    body.id = {};
    body.trust = trust_id;
    body.school = Stored(schools, body.school);
    body.parent = Stored(bodies, body.parent);  // the plan lists parents first
    bodies.push_back(TRY(tx.Insert(body)).id);
  }

  std::vector<PersonId> people;
  for (org::Person person : plan.people) {
    person.id = {};
    person.trust = trust_id;
    people.push_back(TRY(tx.Insert(person)).id);
  }

  std::vector<PostId> posts;
  for (org::Post post : plan.posts) {
    post.id = {};
    post.trust = trust_id;
    post.school = Stored(schools, post.school);
    post.body = Stored(bodies, post.body);
    posts.push_back(TRY(tx.Insert(post)).id);
  }

  for (org::Holding holding : plan.holdings) {
    holding.id = {};
    holding.trust = trust_id;
    holding.post = Stored(posts, holding.post);
    holding.person = Stored(people, holding.person);
    TRY(tx.Insert(holding));
  }

  for (org::Membership membership : plan.memberships) {
    membership.id = {};
    membership.trust = trust_id;
    membership.body = Stored(bodies, membership.body);
    membership.person = Stored(people, membership.person);
    TRY(tx.Insert(membership));
  }

  for (org::LineLink link : plan.line_links) {
    link.id = {};
    link.trust = trust_id;
    link.manager = Stored(people, link.manager);
    link.report = Stored(people, link.report);
    TRY(tx.Insert(link));
  }

  const auto accounts = DemoAccounts();
  for (size_t i = 0; i < accounts.size(); ++i) {
    const DemoAccount& account = accounts[i];
    const std::optional<PersonId> plan_person = plan.account_people.at(i);
    if (account.role == access::Role::kPlatformAdmin &&
        TRY(tx.FindUserByEmail(std::string(account.email))))
      continue;  // shared by every trust: an existing one is kept as it is
    access::User user;
    user.email = std::string(account.email);
    user.role = account.role;
    user.password_hash = password_hashes.at(i);
    user.created_at = now;
    if (plan_person) {
      const org::Person& person = plan.people.at(static_cast<size_t>(plan_person->value() - 1));
      user.trust = trust_id;
      user.person = Stored(people, *plan_person);
      user.display_name = person.given_name + " " + person.family_name;
    } else {
      user.display_name = "Platform Administrator";
    }
    TRY(tx.Insert(user));
  }

  // One summary entry rather than one per record: the demo is created as a whole and the
  // log should say so, not drown in thousands of lines of fixtures.
  access::AuditEntry entry;
  entry.at = now;
  entry.trust = trust_id;
  entry.actor = std::string(kActor);
  entry.action = "demo";
  entry.entity = "trust";
  entry.entity_id = std::to_string(trust_id.value());
  entry.after = nlohmann::json{{"name", plan.trust.name},
                               {"reference", plan.trust.reference},
                               {"schools", plan.schools.size()},
                               {"bodies", plan.bodies.size()},
                               {"people", plan.people.size()},
                               {"posts", plan.posts.size()},
                               {"holdings", plan.holdings.size()},
                               {"memberships", plan.memberships.size()},
                               {"line_links", plan.line_links.size()},
                               {"users", accounts.size()}}
                    .dump();
  TRY(tx.Append(entry));
  return trust_id;
}

}  // namespace

Result<DemoSummary> CreateDemoTrust(store::Store& store, const DemoOptions& options) {
  const Date today = options.today == Date{} ? DateOf(options.now) : options.today;
  if (const auto existing = TRY(FindDemoTrust(store)))
    return Summarise(store, existing->id, today, /*already_present=*/true);

  const DemoPlan plan = PlanDemoTrust(options.seed, today);
  // Hashing is deliberately slow (argon2id), so it happens before the transaction opens
  // rather than while it holds the write lock.
  std::vector<std::string> password_hashes;
  for (size_t i = 0; i < DemoAccounts().size(); ++i)
    password_hashes.push_back(TRY(access::HashPassword(kDemoPassword)));

  TrustId trust;
  bool already_present = false;
  TRY(store.Transact([&](store::Store& tx) -> Result<void> {
    // Checked again inside the transaction: another `trellis demo` may have won the race.
    if (const auto existing = TRY(FindDemoTrust(tx))) {
      trust = existing->id;
      already_present = true;
      return Ok();
    }
    trust = TRY(WritePlan(tx, plan, password_hashes, options.now));
    // Role profiles and assessments use the shipped frameworks (installed here too when the
    // store is fresh, as App::Open would).
    TRY(talent::InstallShippedFrameworks(tx, options.now));
    TRY(WriteTalent(tx, trust, options.seed, today));
    TRY(WriteReviews(tx, trust, options.seed, today));
    // Plans last: the ranking engine names their successors from the profiles,
    // assessments and reviews written above.
    TRY(WriteSuccession(tx, trust, options.seed, today, options.now));
    return WriteTrend(tx, trust, today);
  }));
  return Summarise(store, trust, today, already_present);
}

}  // namespace trellis::demo
