// Common UK first names and surnames, and short forms pupils go by, for the benches that build a
// fictional register (name_precision.cc, site_words.cc). Several are also everyday words.
#pragma once
#include <cstddef>
#include <cstdint>

namespace sg::bench {

// A fixed pseudo-random sequence, so every run of a bench measures the same register and site.
struct Random {
    uint64_t state = 0x5c400190a7e5ULL;
    size_t below(size_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<size_t>((state >> 33) % n);
    }
};

// Popular first names of children in England and Wales, and short forms pupils go by.
inline const char* const first_names[] = {
    "Oliver", "George", "Arthur", "Noah", "Muhammad", "Leo", "Oscar", "Harry", "Archie", "Jack", "Henry",
    "Charlie", "Freddie", "Theodore", "Thomas", "Finley", "Theo", "Alfie", "Jacob", "William", "Isaac", "Tommy",
    "Lucas", "Joshua", "James", "Teddy", "Edward", "Max", "Alexander", "Samuel", "Elijah", "Mason", "Reggie",
    "Ronnie", "Louie", "Hugo", "Rory", "Albie", "Albert", "Benjamin", "Daniel", "Ethan", "Adam", "Joseph",
    "Sebastian", "Harrison", "Jude", "Harvey", "Dylan", "Toby", "Frankie", "Ezra", "Jaxon", "Luca", "Austin",
    "Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Ivy", "Florence", "Mia", "Willow", "Rosie", "Sophia",
    "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella", "Evelyn", "Phoebe", "Sofia",
    "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Maya", "Sophie", "Alice", "Emilia", "Isabelle", "Ruby",
    "Luna", "Maisie", "Aria", "Penelope", "Mila", "Bonnie", "Eva", "Hallie", "Mabel", "Layla", "Esme", "Ellie",
    "Eliza", "Violet", "Hannah", "Jessica", "Summer", "Hope", "Rose", "Aisha", "Zara", "Priya", "Amara",
    "Chloe", "Lucy", "Megan", "Niamh", "Siobhan", "Carys", "Rhys", "Dafydd", "Callum", "Kai", "Ibrahim",
};

struct Nickname {
    const char* name;
    const char* known_as;
};
inline const Nickname nicknames[] = {
    {"William", "Will"}, {"Alexander", "Alex"}, {"Thomas", "Tom"},   {"Samuel", "Sam"},     {"Benjamin", "Ben"},
    {"Joseph", "Joe"},   {"Charlotte", "Lottie"}, {"Theodore", "Teddy"}, {"Daniel", "Dan"}, {"Edward", "Ed"},
    {"Isabella", "Bella"}, {"Matilda", "Tilly"}, {"Penelope", "Penny"}, {"Jessica", "Jess"}, {"Elijah", "Eli"},
};

// The commonest surnames in Great Britain.
inline const char* const surnames[] = {
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
    "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
    "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore",
    "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson",
    "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
    "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall",
    "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb",
    "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes",
    "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray",
    "Dixon", "Harvey", "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews",
    "Stewart", "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West",
    "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien", "Watts",
    "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson",
    "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn",
    "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson",
    "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane", "Cooke",
    "Bates", "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson", "Shepherd", "Ross",
    "Cross", "Long", "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton", "McDonald", "Yates",
    "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor", "Harper", "Coleman", "Watkins", "Moss", "McCarthy",
    "Chambers", "O'Neill", "Griffin", "Sharp", "Hardy", "Wheeler", "Potter", "Osborne", "Johnston", "Gordon",
    "Doyle", "Wallace", "George", "Jordan", "Hutchinson", "Rowe", "Burke", "May", "Pritchard", "Gilbert",
    "Willis", "Higgins", "Read", "Miles", "Stevenson", "Hammond", "Arnold", "Buckley", "Walters", "Hewitt",
    "Barber", "Nelson", "Slater", "Austin", "Sullivan", "Whitehead", "Mann", "Frost", "Lambert", "Blake",
    "Akhtar", "Lynch", "Goodwin", "Barton", "Woodward", "Quinn", "Baxter", "Clayton", "Nash", "Greenwood",
    "Jennings", "Holt", "Kemp", "Poole", "Gallagher", "Bond", "Stokes", "Tucker", "Fowler", "Heath", "Norman",
    "Middleton", "Lawson", "Banks", "French", "Stanley", "Jarvis", "Gibbs", "Ferguson", "Hayward", "Douglas",
    "Todd", "Barlow", "Peters", "Lucas", "Knowles", "Hartley", "Miah", "Morton", "Field", "Norris", "Preston",
    "Thornton", "Baldwin", "Briggs", "Little", "Al-Rashid", "Okafor", "Nowak", "Kowalski", "Da Silva",
};

}  // namespace sg::bench
