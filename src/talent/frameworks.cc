#include "talent/frameworks.h"

#include <array>
#include <string>

#include "org/record_writes.h"
#include "talent/json.h"

namespace trellis::talent {
namespace {

// ---- Character, capability, connectivity (seed 000, "Attributes") ----
// The policy names the CARERS attributes without expanding the acronym, so trellis does not
// expand it either: the trust records its own definition in the evidence and, if it wants
// them assessed one by one, in a framework of its own.

constexpr std::array<ShippedCompetency, 3> kCharacter = {{
    {"3C-CH-1", "CARERS attributes (as the trust defines them)",
     "The CARERS attributes: the character the trust wants to develop in its students, shown "
     "by those who work with it. The policy names them without expanding the acronym; assess "
     "against the trust's own definition of each attribute."},
    {"3C-CH-2", "Professional conduct (Trust Code of Conduct)",
     "The professional conduct identified in the Trust Code of Conduct (the Governor, Director "
     "and Staff Codes of Conduct)."},
    {"3C-CH-3", "The Way We Do Things",
     "Conduct as set out in the trust's The Way We Do Things document."},
}};

constexpr std::array<ShippedCompetency, 3> kCapability = {{
    {"3C-CA-1", "Capability to fulfil the role to a high standard",
     "Staff show sufficient capability to fulfil the advertised role to a high standard, with "
     "at least sufficient competence that there is no significant risk to the Trust."},
    {"3C-CA-2", "Skills that complement the board or governing body",
     "Governors and directors demonstrate the skills needed and complement the existing "
     "skillsets of their peers."},
    {"3C-CA-3", "Developing into the role",
     "No one is perfect and people develop into roles: takes up appraisal, coaching, mentoring, "
     "stretch tasks and training to develop their capability."},
}};

constexpr std::array<ShippedCompetency, 3> kConnectivity = {{
    {"3C-CO-1", "Relates well to students and parents",
     "Relates well to a wide range of stakeholders, here students and parents."},
    {"3C-CO-2", "Relates well to staff, governors and directors",
     "Relates well to a wide range of stakeholders, here staff, governors and directors."},
    {"3C-CO-3", "Relates well to regulators, the local authority and others",
     "Relates well to a wide range of stakeholders, here regulators, the local authority and "
     "others locally and nationally."},
}};

constexpr std::array<ShippedArea, 3> kThreeCsAreas = {{
    {"Character", kCharacter},
    {"Capability", kCapability},
    {"Connectivity", kConnectivity},
}};

// ---- NPQ in Executive Leadership (seed 001): ten areas; each competency is one of the
// framework's "Learn how to" statements, with a "Learn that" statement of its area. ----

constexpr std::array<ShippedCompetency, 2> kTrustCulture = {{
    {"NPQEL-01.1", "Establish and sustain the trust's strategic direction",
     "Learn how to establish and sustain the trust's strategic direction, with those "
     "responsible for governance. Learn that high-quality teaching has a long-term positive "
     "effect on pupils' life chances, particularly for children from disadvantaged backgrounds."},
    {"NPQEL-01.2", "Establish and sustain an effective culture across the trust",
     "Learn how to establish and sustain an effective culture across the trust. Learn that "
     "building alignment of staff around the intended trust culture can create coherence in a "
     "trust and give direction and purpose to the staff's work teaching pupils."},
}};

constexpr std::array<ShippedCompetency, 3> kTeaching = {{
    {"NPQEL-02.1", "Establish and sustain effective planning and preparation across the trust",
     "Learn how to establish and sustain effective planning and preparation across the trust. "
     "Learn that learning involves a lasting change in pupils' capabilities or understanding."},
    {"NPQEL-02.2", "Ensure teaching across the trust includes effective explanations and modelling",
     "Learn how to ensure teaching across the trust includes effective explanations and "
     "modelling. Learn that effective teaching can transform pupils' knowledge, capabilities "
     "and beliefs about learning."},
    {"NPQEL-02.3", "Ensure teaching across the trust stimulates pupil thinking and understanding",
     "Learn how to ensure teaching across the trust stimulates pupil thinking and understanding."},
}};

constexpr std::array<ShippedCompetency, 3> kCurriculum = {{
    {"NPQEL-03.1", "Support colleagues to design carefully sequenced, broad and coherent curricula",
     "Learn how to support colleagues across the trust to design carefully sequenced, broad "
     "and coherent curricula. Learn that a school's curriculum enables it to set out the "
     "knowledge, skills and values that its pupils will learn."},
    {"NPQEL-03.2", "Support colleagues to develop pupils' literacy",
     "Learn how to support colleagues across the trust to develop pupils' literacy."},
    {"NPQEL-03.3", "Ensure high-quality feedback and reliable assessment",
     "Learn how to ensure trust schools provide high-quality feedback, and that colleagues "
     "across the trust have assessment processes that are high quality and as reliable as "
     "possible without creating unnecessary workload."},
}};

constexpr std::array<ShippedCompetency, 3> kBehaviour = {{
    {"NPQEL-04.1", "Ensure trust schools sustain a positive, predictable and safe environment",
     "Learn how to ensure that trust schools establish and sustain a positive, predictable and "
     "safe environment for pupils. Learn that while classroom-level strategies have a big "
     "impact on pupil behaviour, consistency and coherence at a whole school level are "
     "paramount."},
    {"NPQEL-04.2", "Support staff to motivate pupils",
     "Learn how to support staff to motivate pupils."},
    {"NPQEL-04.3", "Assist pupils who need more intensive support with their behaviour",
     "Learn how to create and oversee an approach that ensures all trust schools assist pupils "
     "who need more intensive support with their behaviour, and have effective policies and "
     "practices to prevent and respond to bullying."},
}};

constexpr std::array<ShippedCompetency, 2> kSend = {{
    {"NPQEL-05.1", "Ensure all pupils experience success",
     "Learn how to ensure all pupils experience success. Learn that the SEND Code of Practice "
     "(2015) and Equality Act (2010) state that all children and young people are entitled to "
     "an appropriate education."},
    {"NPQEL-05.2", "Ensure support meets individual needs without unnecessary workload",
     "Learn how to ensure that all trust schools have the appropriate support to meet "
     "individual needs without creating unnecessary workload, and group pupils effectively."},
}};

constexpr std::array<ShippedCompetency, 2> kProfessionalDevelopment = {{
    {"NPQEL-06.1", "Ensure trust schools support colleagues in effective professional development",
     "Learn how to ensure that all trust schools support colleagues to engage in effective "
     "professional development. Learn that helping teachers improve through evidence-based "
     "professional development that is explicitly focused on improving classroom teaching can "
     "be a cost-effective way to improve pupils' academic outcomes."},
    {"NPQEL-06.2", "Conduct regular expert-led conversations (mentoring or coaching)",
     "Learn how to conduct, and support school leaders and the senior trust team to conduct, "
     "regular expert-led conversations (which could be referred to as mentoring or coaching) "
     "about all aspects of running the trust or a school."},
}};

constexpr std::array<ShippedCompetency, 4> kOrganisationalManagement = {{
    {"NPQEL-07.1", "Ensure the protection and safety of pupils and colleagues",
     "Learn how to create and oversee systems that ensure the protection and safety of pupils "
     "and colleagues across the trust and in all trust schools. Learn that leaders have a duty "
     "of care to pupils and staff."},
    {"NPQEL-07.2", "Manage admissions, exclusions and appeals effectively",
     "Learn how to ensure that all trust schools have effective systems, processes and "
     "policies for managing admissions, exclusions and appeals."},
    {"NPQEL-07.3", "Prioritise, allocate and manage resources across the trust",
     "Learn how to prioritise, allocate and manage resources (including financial, human and "
     "educational) appropriately, effectively and efficiently across the trust to ensure "
     "sustainability. Learn that trusts are public bodies and so have a duty to use all public "
     "money in the public interest."},
    {"NPQEL-07.4", "Identify, manage and mitigate risk",
     "Learn how to oversee rigorous approaches to identifying, managing and mitigating risk."},
}};

constexpr std::array<ShippedCompetency, 3> kImplementation = {{
    {"NPQEL-08.1", "Plan and execute implementation in stages",
     "Learn how to plan and execute implementation in stages. Learn that implementation is an "
     "ongoing process that must adapt to context over time, rather than a single event."},
    {"NPQEL-08.2", "Make the right choices on what to implement",
     "Learn how to make the right choices on what to implement, and prepare appropriately for "
     "the changes to come."},
    {"NPQEL-08.3", "Deliver and sustain changes",
     "Learn how to deliver changes and sustain them."},
}};

constexpr std::array<ShippedCompetency, 2> kPartnership = {{
    {"NPQEL-09.1", "Work in partnership with parents and carers",
     "Learn how to ensure the trust and its schools work in partnership with parents and "
     "carers. Learn that good relationships and partnerships are a foundation of a good school."},
    {"NPQEL-09.2", "Work in partnership with the community, schools and other organisations",
     "Learn how to enable the trust and its schools to work in partnership with the community, "
     "schools and school trusts and other organisations, including professional associations, "
     "businesses and local authorities."},
}};

constexpr std::array<ShippedCompetency, 2> kGovernance = {{
    {"NPQEL-10.1", "Participate in governance and give account",
     "Learn how to appropriately participate in governance, and fulfil obligations to give "
     "account, be challenged, and accept responsibility. Learn that high quality, effective and "
     "ethical governance is key to success in our school system."},
    {"NPQEL-10.2", "Fulfil obligations to external organisations",
     "Learn how to ensure the trust appropriately participates in and fulfils obligations to "
     "external organisations including the Department for Education, Ofsted, the Education and "
     "Skills Funding Agency, Local Authority and auditors."},
}};

constexpr std::array<ShippedArea, 10> kNpqelAreas = {{
    {"Trust Culture", kTrustCulture},
    {"Teaching", kTeaching},
    {"Curriculum and Assessment", kCurriculum},
    {"Behaviour", kBehaviour},
    {"Additional and Special Educational Needs and Disabilities", kSend},
    {"Professional Development", kProfessionalDevelopment},
    {"Organisational Management", kOrganisationalManagement},
    {"Implementation", kImplementation},
    {"Working in Partnership", kPartnership},
    {"Governance and Accountability", kGovernance},
}};

constexpr std::array<ShippedFramework, 2> kFrameworks = {{
    {kThreeCsCode, "Character, capability and connectivity", "1",
     "Seed 000: the trust's Succession Planning and Talent Management policy, \"Attributes\"",
     kThreeCsAreas},
    {kNpqelCode, "NPQ in Executive Leadership", "2020",
     "Seed 001: DfE, National Professional Qualification (NPQ): Executive Leadership framework "
     "(ten areas, \"Learn that\" and \"Learn how to\" statements)",
     kNpqelAreas},
}};

// The seeds give no level descriptors, so each competency's description ends with trellis's
// default ones, written from the framework's level labels.
std::string WithLevels(std::string_view description, const LevelLabels& labels) {
  static constexpr std::array<std::string_view, kMaxLevel> kMeaning = {
      "beginning to show this, with support",
      "shows this reliably in their own role",
      "shows this consistently and helps others to",
      "a model for the trust, leading others in it",
  };
  std::string out(description);
  out += "\n\nLevels:";
  for (size_t i = 0; i < labels.size(); ++i)
    out += " " + std::to_string(i + 1) + " " + labels[i] + ", " + std::string(kMeaning[i]) +
           (i + 1 < labels.size() ? ";" : ".");
  return out;
}

}  // namespace

std::span<const ShippedFramework> ShippedFrameworks() { return kFrameworks; }

Result<int> InstallShippedFrameworks(store::Store& store, Instant now) {
  const org::Actor installer{.user = std::nullopt, .name = "system", .remote = ""};
  int installed = 0;
  TRY(store.Transact([&](store::Store& tx) -> Result<void> {
    for (const ShippedFramework& shipped : kFrameworks) {
      const std::string code(shipped.code), version(shipped.version);
      if (TRY(tx.FindFramework(std::nullopt, code, version))) continue;
      Framework framework{.id = {}, .trust = std::nullopt, .code = code,
                          .name = std::string(shipped.name), .version = version,
                          .source = std::string(shipped.source)};
      framework = TRY(tx.Insert(framework));
      int area_position = 0;
      for (const ShippedArea& shipped_area : shipped.areas) {
        const Area area = TRY(tx.Insert(Area{.id = {}, .framework = framework.id,
                                             .name = std::string(shipped_area.name),
                                             .position = ++area_position}));
        int position = 0;
        for (const ShippedCompetency& c : shipped_area.competencies)
          TRY(tx.Insert(Competency{.id = {}, .framework = framework.id, .area = area.id,
                                   .code = std::string(c.code), .name = std::string(c.name),
                                   .description = WithLevels(c.description, framework.level_labels),
                                   .position = ++position}));
      }
      TRY(tx.Append(org::AuditEntryOf(installer, now, std::nullopt, "install", "framework",
                                      framework.id.value(), "", ToJson(framework).dump())));
      ++installed;
    }
    return Ok();
  }));
  return installed;
}

}  // namespace trellis::talent
