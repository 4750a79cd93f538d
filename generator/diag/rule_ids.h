// The stable rule ids of DESIGN.md. Do not change these values: schools' waivers, CI reports and
// build records refer to them.
#pragma once
#include <string_view>

namespace sg::diag::rule {

inline constexpr std::string_view photo_undeclared = "photo.undeclared";
inline constexpr std::string_view photo_unknown_person = "photo.unknown-person";
inline constexpr std::string_view photo_no_consent = "photo.no-consent";
inline constexpr std::string_view photo_protected = "photo.protected";
inline constexpr std::string_view photo_tag_mismatch = "photo.tag-mismatch";
inline constexpr std::string_view photo_undeclared_faces = "photo.undeclared-faces";
inline constexpr std::string_view photo_unidentifiable = "photo.unidentifiable";
inline constexpr std::string_view work_no_consent = "work.no-consent";
inline constexpr std::string_view name_full_name = "name.full-name";
inline constexpr std::string_view name_with_photo = "name.with-photo";
inline constexpr std::string_view contact_personal = "contact.personal";
inline constexpr std::string_view media_unreadable = "media.unreadable";
inline constexpr std::string_view media_too_large = "media.too-large";
inline constexpr std::string_view media_outside_content = "media.outside-content";
inline constexpr std::string_view media_remote = "media.remote";
inline constexpr std::string_view media_unsupported = "media.unsupported";
inline constexpr std::string_view content_invalid = "content.invalid";
inline constexpr std::string_view review_unapproved = "review.unapproved";
// Added with PDF documents (not yet in DESIGN.md's table): a PDF linked from a page that does not
// declare it under `documents:`, the document counterpart of photo.undeclared.
inline constexpr std::string_view document_undeclared = "document.undeclared";

// Not in DESIGN.md's page rules: problems with the configuration or the register, which stop
// the whole build (exit status 2), and metadata that survived into a written image.
inline constexpr std::string_view config_invalid = "config.invalid";
inline constexpr std::string_view register_invalid = "register.invalid";
inline constexpr std::string_view media_metadata = "media.metadata";

}  // namespace sg::diag::rule
