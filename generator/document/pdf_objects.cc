#include "document/pdf_objects.h"

#include <qpdf/QPDFExc.hh>

#include <set>

#include "diag/rule_ids.h"
#include "util/fs.h"

namespace sg::document {

media::Problem problem(std::string_view rule, std::string message) {
    return media::Problem{std::string(rule), std::move(message)};
}

Opened open_pdf_file(const std::filesystem::path& file, const Limits& limits) {
    std::error_code error;
    auto size = std::filesystem::file_size(file, error);
    if (!error && static_cast<long long>(size) > limits.max_bytes) {
        Opened opened;
        opened.problem = problem(diag::rule::media_too_large, "the PDF is " + std::to_string(size) +
                                                                  " bytes, more than the limit of " +
                                                                  std::to_string(limits.max_bytes));
        return opened;
    }
    return open_pdf(util::read_file(file), file.filename().string(), limits);
}

Opened open_pdf(std::string bytes, const std::string& description, const Limits& limits) {
    Opened opened;
    if (static_cast<long long>(bytes.size()) > limits.max_bytes) {
        opened.problem = problem(diag::rule::media_too_large,
                                 "the PDF is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                                     std::to_string(limits.max_bytes));
        return opened;
    }
    OpenPdf pdf{.bytes = std::make_unique<std::string>(std::move(bytes)), .qpdf = std::make_unique<QPDF>()};
    QPDF& qpdf = *pdf.qpdf;
    qpdf.setSuppressWarnings(true);
    qpdf.setAttemptRecovery(false);
    try {
        qpdf.processMemoryFile(description.c_str(), pdf.bytes->data(), pdf.bytes->size(), "");
        if (qpdf.isEncrypted()) {
            opened.problem = problem(diag::rule::media_unreadable,
                                     "the PDF is encrypted (protected by a password or restricted), so it cannot be "
                                     "checked or rewritten; save it again without a password or restrictions");
            return opened;
        }
        int pages = static_cast<int>(qpdf.getAllPages().size());
        if (pages > limits.max_pages) {
            opened.problem = problem(diag::rule::media_too_large, "the PDF has " + std::to_string(pages) +
                                                                      " pages, more than the limit of " +
                                                                      std::to_string(limits.max_pages));
            return opened;
        }
        if (pages == 0) {
            opened.problem = problem(diag::rule::media_unreadable, "the PDF has no pages");
            return opened;
        }
    } catch (const QPDFExc& e) {
        if (e.getErrorCode() == qpdf_e_password) {
            opened.problem = problem(diag::rule::media_unreadable,
                                     "the PDF is encrypted (protected by a password), so it cannot be checked or "
                                     "rewritten; save it again without a password or restrictions");
        } else {
            opened.problem = problem(diag::rule::media_unreadable, "the PDF is damaged (" + e.getMessageDetail() + ")");
        }
        return opened;
    } catch (const std::exception& e) {
        opened.problem = problem(diag::rule::media_unreadable, "the PDF is damaged (" + std::string(e.what()) + ")");
        return opened;
    }
    if (auto damaged = damage(qpdf)) {
        opened.problem = damaged;
        return opened;
    }
    opened.pdf = std::move(pdf);
    return opened;
}

std::optional<media::Problem> damage(QPDF& qpdf) {
    if (!qpdf.anyWarnings()) return std::nullopt;
    std::vector<QPDFExc> warnings = qpdf.getWarnings();
    std::string detail = warnings.front().getMessageDetail();
    if (warnings.size() > 1) detail += "; " + count_of(warnings.size() - 1, "more warning", "more warnings");
    return problem(diag::rule::media_unreadable, "the PDF is damaged (" + detail + ")");
}

void for_each_object(QPDFObjectHandle start, const std::function<void(QPDFObjectHandle&)>& visit) {
    std::set<QPDFObjGen> seen;
    std::vector<QPDFObjectHandle> stack{start};
    while (!stack.empty()) {
        QPDFObjectHandle object = stack.back();
        stack.pop_back();
        if (object.isIndirect() && !seen.insert(object.getObjGen()).second) continue;
        if (object.isStream() || object.isDictionary()) {
            visit(object);
            QPDFObjectHandle dictionary = dictionary_of(object);
            for (const auto& key : dictionary.getKeys()) stack.push_back(dictionary.getKey(key));
        } else if (object.isArray()) {
            for (auto& item : object.getArrayAsVector()) stack.push_back(item);
        }
    }
}

QPDFObjectHandle dictionary_of(QPDFObjectHandle object) {
    return object.isStream() ? object.getDict() : object;
}

std::string name_at(QPDFObjectHandle dictionary, const std::string& key) {
    if (!dictionary.isDictionary() || !dictionary.hasKey(key)) return "";
    QPDFObjectHandle value = dictionary.getKey(key);
    return value.isName() ? value.getName() : "";
}

std::vector<std::string> filters_of(QPDFObjectHandle stream) {
    std::vector<std::string> filters;
    QPDFObjectHandle dictionary = dictionary_of(stream);
    if (!dictionary.hasKey("/Filter")) return filters;
    QPDFObjectHandle filter = dictionary.getKey("/Filter");
    if (filter.isName()) {
        filters.push_back(filter.getName());
    } else if (filter.isArray()) {
        for (auto& item : filter.getArrayAsVector()) filters.push_back(item.isName() ? item.getName() : "?");
    } else if (!filter.isNull()) {
        filters.push_back("?");
    }
    return filters;
}

int xref_sections(std::string_view bytes) {
    int sections = 0;
    constexpr std::string_view keyword = "startxref";
    auto is_space = [](char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == '\f' || c == '\0'; };
    for (std::size_t at = bytes.find(keyword); at != std::string_view::npos; at = bytes.find(keyword, at + 1)) {
        std::size_t i = at + keyword.size();
        std::size_t spaces = i;
        while (i < bytes.size() && is_space(bytes[i])) ++i;
        if (i == spaces) continue;
        std::size_t digits = i;
        while (i < bytes.size() && bytes[i] >= '0' && bytes[i] <= '9') ++i;
        if (i == digits) continue;
        while (i < bytes.size() && is_space(bytes[i])) ++i;
        if (bytes.substr(i, 5) == "%%EOF") ++sections;
    }
    return sections;
}

std::string count_of(std::size_t count, const std::string& singular, const std::string& plural) {
    return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

}  // namespace sg::document
