#include "demo/names.h"

#include <array>

namespace trellis::demo {
namespace {

// ASCII only, so that first.last email addresses need no transliteration.
constexpr auto kGivenNames = std::to_array<std::string_view>({
    "Aaliyah",  "Abena",     "Adam",      "Adebayo",  "Agnieszka", "Aisha",   "Alasdair", "Alison",
    "Amara",    "Amelia",    "Amir",      "Amy",      "Andrei",    "Andrew",  "Angela",   "Anil",
    "Anh",      "Aoife",     "Asha",      "Ayesha",   "Ben",       "Bethan",  "Bilal",    "Callum",
    "Caroline", "Catrin",    "Charlotte", "Chen",     "Chidi",     "Chloe",   "Ciaran",   "Claire",
    "Connor",   "Dafydd",    "Daniel",    "David",    "Deborah",   "Declan",  "Deepa",    "Delroy",
    "Dominika", "Eilidh",    "Elif",      "Ellie",    "Emily",     "Emma",    "Esi",      "Ewan",
    "Farah",    "Fatima",    "Femi",      "Fiona",    "Freya",     "Gareth",  "Gemma",    "Grace",
    "Gurpreet", "Hamza",     "Hannah",    "Harpreet", "Harry",     "Hassan",  "Helen",    "Hollie",
    "Ian",      "Imran",     "Ioana",     "Isabel",   "Isla",      "Jack",    "Jade",     "James",
    "Jasmine",  "Jaspreet",  "Jerome",    "Jessica",  "Joanne",    "Joseph",  "Julie",    "Jun",
    "Karen",    "Katarzyna", "Keisha",    "Kieran",   "Kiran",     "Kirsty",  "Kofi",     "Kwame",
    "Laura",    "Lauren",    "Leah",      "Lewis",    "Liam",      "Lisa",    "Lucas",    "Luke",
    "Mark",     "Marcus",    "Marta",     "Matthew",  "Megan",     "Mehmet",  "Mei",      "Michael",
    "Mohammed", "Morag",     "Nadia",     "Nathan",   "Neil",      "Ngozi",   "Nia",      "Niamh",
    "Nicola",   "Oliver",    "Olivia",    "Omar",     "Owen",      "Patrick", "Paul",     "Piotr",
    "Priya",    "Rachel",    "Rajesh",    "Ravi",     "Rebecca",   "Rhys",    "Richard",  "Ruby",
    "Ryan",     "Samira",    "Samuel",    "Sarah",    "Shanice",   "Simon",   "Siobhan",  "Sofia",
    "Sophie",   "Stephen",   "Sunil",     "Tariq",    "Tendai",    "Thomas",  "Tomasz",   "Tunde",
    "Victoria", "Wei",       "Yusuf",     "Zainab",   "Zara",      "Zoe",
});

constexpr auto kFamilyNames = std::to_array<std::string_view>({
    "Abdi",        "Ackroyd",  "Addo",      "Adeyemi",   "Ahmed",      "Akhtar",    "Ali",
    "Allen",       "Asante",   "Atkinson",  "Bailey",    "Baker",      "Barker",    "Begum",
    "Bennett",     "Boateng",  "Brook",     "Brown",     "Butt",       "Byrne",     "Campbell",
    "Carter",      "Chauhan",  "Chen",      "Chowdhury", "Clark",      "Clarke",    "Cook",
    "Cooper",      "Cox",      "Crowther",  "Davies",    "Demir",      "Dixon",     "Edwards",
    "Ellis",       "Evans",    "Eze",       "Farah",     "Firth",      "Fletcher",  "Foster",
    "Fraser",      "Gibson",   "Gordon",    "Grant",     "Green",      "Greenwood", "Haigh",
    "Hall",        "Hamilton", "Harris",    "Henderson", "Hill",       "Hirst",     "Holmes",
    "Holroyd",     "Howard",   "Hughes",    "Hussain",   "Iqbal",      "Jackson",   "Johnson",
    "Jones",       "Kaur",     "Kelly",     "Kennedy",   "Khan",       "Kim",       "King",
    "Kowalski",    "Lawrence", "Lee",       "Lewis",     "Li",         "Lister",    "Lloyd-Jones",
    "MacDonald",   "Mahmood",  "Malik",     "Marshall",  "Martin",     "Mason",     "Mensah",
    "Mistry",      "Mitchell", "Mohamed",   "Moore",     "Morris",     "Murphy",    "Murray",
    "Nguyen",      "Nowak",    "Nwosu",     "O'Brien",   "Okafor",     "Okonkwo",   "Osei",
    "Owusu",       "Palmer",   "Parker",    "Patel",     "Phillips",   "Pickles",   "Popescu",
    "Qureshi",     "Rahman",   "Reid",      "Rhodes",    "Richardson", "Roberts",   "Robertson",
    "Robinson",    "Ross",     "Russell",   "Scott",     "Shah",       "Sharma",    "Shaw",
    "Simpson",     "Singh",    "Smith",     "Stewart",   "Sutcliffe",  "Taylor",    "Thompson",
    "Tran",        "Turner",   "Wallace",   "Walker",    "Walsh",      "Ward",      "Webb",
    "Wells",       "White",    "Whiteley",  "Williams",  "Wilson",     "Wong",      "Wood",
    "Wright",      "Yilmaz",   "Young",     "Yusuf",     "Zielinski",  "Anderson",  "Bell",
    "Collins",     "Douglas",  "Fernandes", "Gill",      "Hewitt",     "Ibrahim",   "Jarvis",
    "Lowe",        "Nolan",    "Okoro",     "Pearson",   "Quinn",      "Sandhu",    "Varga",
    "Ward-Hughes", "Yeung",
});

}  // namespace

std::span<const std::string_view> GivenNames() { return kGivenNames; }
std::span<const std::string_view> FamilyNames() { return kFamilyNames; }

}  // namespace trellis::demo
