// UK GDPR for the trust as controller (privacy/): a person's subject-access export (a ZIP
// download), their erasure (after a confirmation: their reference typed again), the trust's
// retention rules, and a retention run by hand (dry or not). Every route asks for
// kManagePersonalData (trust admins); the export is audited as a read, the rest as changes.

#include "http/input.h"
#include "http/routes.h"
#include "privacy/erasure.h"
#include "privacy/retention.h"
#include "privacy/subject_access.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;

Result<Response> ExportPerson(Context& ctx) {
  const auto person = TRY(PathId<PersonTag>(ctx, "person_id"));
  auto archive = TRY(privacy::ExportPerson(ctx.services.store, *ctx.trust, person,
                                           ctx.who().actor, ctx.services.clock.Now()));
  Response r;
  r.body = std::move(archive.bytes);
  r.content_type = "application/zip";
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + archive.file_name + "\"");
  return r;
}

Result<Response> ErasePerson(Context& ctx) {
  const auto person = TRY(PathId<PersonTag>(ctx, "person_id"));
  // Another trust's person does not exist here, whatever the body says.
  TRY(ctx.services.store.GetPerson(*ctx.trust, person));
  const json body = TRY(ParseObject(ctx));
  std::string confirm;
  FieldReader reader(body, FieldReader::Mode::kCreate);
  reader.Text("confirm_reference", confirm, true);
  TRY(reader.Finish());
  const auto report = TRY(privacy::Erase(
      ctx.services.store, {.trust = *ctx.trust, .person = person, .confirm_reference = confirm},
      ctx.who().actor, ctx.services.clock.Now()));
  return Response::Json({{"person_id", report.person.value()},
                         {"erased_on", report.erased_on.ToIso()},
                         {"reference", report.reference},
                         {"audit_entries_redacted", report.audit_entries_redacted},
                         {"user_accounts_disabled", report.user_accounts_disabled}});
}

Result<Response> GetRetentionRules(Context& ctx) {
  return Response::Json(privacy::ToJson(TRY(ctx.services.store.GetRetentionRules(*ctx.trust))));
}

Result<Response> PutRetentionRules(Context& ctx) {
  const json body = TRY(ParseObject(ctx));
  const auto rules = TRY(privacy::RulesFromJson(body));
  TRY(privacy::PutRules(ctx.services.store, *ctx.trust, rules, ctx.who().actor,
                        ctx.services.clock.Now()));
  return Response::Json(privacy::ToJson(rules));
}

Result<Response> RunRetention(Context& ctx) {
  const json body = TRY(ParseObject(ctx));
  bool dry_run = false;
  FieldReader reader(body, FieldReader::Mode::kCreate);
  reader.Flag("dry_run", dry_run);
  TRY(reader.Finish());
  const auto report = TRY(privacy::RunRetention(
      ctx.services.store, *ctx.trust,
      {.today = Today(ctx),
       .now = ctx.services.clock.Now(),
       .mode = dry_run ? privacy::RunMode::kDryRun : privacy::RunMode::kApply,
       .claim = privacy::RunClaim::kByHand},
      ctx.who().actor));
  // A run by hand always runs, so there is always a report.
  if (!report) return Fail(ErrorCode::kInternal, "the retention run did not run");
  return Response::Json(privacy::ToJson(*report));
}

}  // namespace

std::vector<Route> PrivacyRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  const Permission p = Permission::kManagePersonalData;
  return {
      {"GET", t + "/people/{person_id}/subject-access-export", p,
       "Export everything held about a person (ZIP)", ExportPerson},
      {"POST", t + "/people/{person_id}/erasure", p, "Erase (anonymise) a person", ErasePerson},
      {"GET", t + "/retention-rules", p, "Get the trust's retention rules", GetRetentionRules},
      {"PUT", t + "/retention-rules", p, "Set the trust's retention rules", PutRetentionRules},
      {"POST", t + "/retention-runs", p, "Apply the retention rules now (or a dry run)",
       RunRetention},
  };
}

}  // namespace trellis::http
