// The editorial approvals log: an append-only, hash-chained record of who approved which content,
// kept at .schoolgate/approvals.jsonl beside the content and committed with it (it is not in the
// git-ignored cache). One JSON object per line:
//
//   {"by":"...","note":"...","pages":{"content/news/lake.md":"<content hash>",...},
//    "previous":"<hash of the entry before, or 64 zeros>","sequence":1,"time":"2026-11-23T19:30:00Z",
//    "hash":"<sha256 of this line without its hash field>"}
//
// What stays true: a line's bytes are exactly the canonical serialisation of its fields, so
// changing any byte of an entry, removing or reordering entries breaks the chain at that entry
// (verify() names it). The chain cannot tell that the newest entries were cut off the end: the
// commit history of the content repository anchors it. The log names the approver (as they typed
// it) and page sources only; nothing from the register.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sg::output {

// A page's content as an approval covers it: its source file and every image it uses.
struct PageContent {
    std::string source;                                                 // "content/news/lake.md"
    std::filesystem::path file;                                         // the Markdown file
    std::vector<std::pair<std::string, std::filesystem::path>> images;  // src as written, resolved file (documents too)
    std::string site_lists;  // what the site approves everywhere (config::approved_lists_text), if anything
};

// sha256 over the page's source path and bytes and, for each image (sorted by src), its src and
// the sha256 of its bytes. A missing or unresolvable image hashes as such, so it still counts.
// The site's lists, when there are any, count too: changing them changes every page's hash.
std::string content_hash(const PageContent& page);

struct Approval {
    int sequence = 0;                          // 1, 2, 3...
    std::string time;                          // UTC, "2026-11-23T19:30:00Z"
    std::string by, note;
    std::map<std::string, std::string> pages;  // source -> content_hash()
    std::string previous;                      // hash of the entry before; 64 zeros for the first
    std::string hash;                          // sha256 of this entry's canonical line without "hash"

    std::string computed_hash() const;
    std::string line() const;  // the canonical line, hash included, without the newline
};

// Where the chain breaks: the 1-based entry number and why.
struct ChainBreak {
    int entry = 0;
    std::string reason;
};

class ApprovalLog {
public:
    // A missing file is an empty log. Unreadable lines are remembered as breaks, not thrown.
    static ApprovalLog read(const std::filesystem::path& path);
    static ApprovalLog parse(std::string_view text);

    const std::vector<Approval>& entries() const { return entries_; }
    const Approval* last() const { return entries_.empty() ? nullptr : &entries_.back(); }
    // The first place the chain is broken, or nullopt when every entry is intact and in order.
    std::optional<ChainBreak> verify() const;

    // Chains a new approval of `pages` onto the log. Throws util::Error when the log is broken:
    // nothing is ever appended to a chain that does not verify.
    const Approval& append(std::string time, std::string by, std::string note,
                           std::map<std::string, std::string> pages);
    std::string text() const;  // every line, newline-terminated

private:
    std::vector<Approval> entries_;
    std::vector<std::string> lines_;  // as read, for byte-for-byte comparison
    std::optional<ChainBreak> unreadable_;
};

// Appends an approval to the log at `path` (written atomically) and returns it.
Approval append_approval(const std::filesystem::path& path, std::string by, std::string note,
                         std::map<std::string, std::string> pages);

// The current time in UTC as ISO 8601 ("2026-11-23T19:30:00Z").
std::string utc_now();

}  // namespace sg::output
