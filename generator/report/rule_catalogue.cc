#include "report/rule_catalogue.h"

#include "diag/rule_ids.h"

namespace sg::report {

const std::vector<RuleInfo>& rule_catalogue() {
    using diag::Severity;
    namespace rule = diag::rule;
    static const std::vector<RuleInfo> rules = {
        {rule::photo_undeclared, Severity::error, "An image is used without a people declaration."},
        {rule::photo_unknown_person, Severity::error, "A declared or embedded person is not in the consent register."},
        {rule::photo_no_consent, Severity::error,
         "Someone pictured lacks valid consent for the channel on the build date."},
        {rule::photo_protected, Severity::error, "A protected person is pictured, named or credited."},
        {rule::photo_tag_mismatch, Severity::error, "Embedded people tags name someone the declaration omits."},
        {rule::photo_undeclared_faces, Severity::error, "More faces are detected in a photo than people are declared."},
        {rule::photo_unidentifiable, Severity::warning, "A photo declared unidentifiable, listed for editorial review."},
        {rule::work_no_consent, Severity::error, "Work credited to a pupil without work consent."},
        {rule::name_full_name, Severity::error, "A pupil's full name appears in the output."},
        {rule::name_with_photo, Severity::error, "A pupil's name appears beside or in a photograph."},
        {rule::contact_personal, Severity::error,
         "An email address, phone number or postcode that is not the school's, a listed organisation's or a "
         "national helpline's."},
        {rule::media_unreadable, Severity::error, "An image cannot be decoded."},
        {rule::media_too_large, Severity::error, "An image exceeds the configured pixel limit."},
        {rule::media_outside_content, Severity::error, "A reference escapes content/."},
        {rule::media_remote, Severity::error, "An image is hot-linked from another host."},
        {rule::media_unsupported, Severity::error,
         "A linked file type the pipeline cannot make safe (video, Office files), or a PDF feature it cannot check."},
        {rule::content_invalid, Severity::error, "Front matter or Markdown cannot be understood, or an image lacks alt text."},
        {rule::document_undeclared, Severity::error,
         "A PDF is linked without a documents declaration saying who is pictured in it."},
        {rule::review_unapproved, Severity::error, "A page changed since the last editorial approval."},
        {rule::config_invalid, Severity::error, "The configuration cannot be used."},
        {rule::register_invalid, Severity::error, "The consent register cannot be read."},
        {rule::media_metadata, Severity::error, "Identifying metadata survived into a written image."},
    };
    return rules;
}

}  // namespace sg::report
