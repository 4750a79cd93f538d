#include <doctest/doctest.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cstdio>

#include "document/pdf.h"
#include "document/test_support.h"

namespace sg::document {
namespace {

using namespace testing;

std::string simple_pdf() {
    return make_pdf({.pages = {Page{.lines = {"Class news", "Year 4 visited the museum."},
                                    .photos = {{fixture("Canon_40D.jpg")}, {fixture("Pentax_K10D.jpg"), true}}}}});
}

struct Both {
    Inspection inspection;
    Cleaned cleaned;
};

Both read_both(const std::string& bytes) {
    TempDir dir;
    auto file = dir.write("document.pdf", bytes);
    return {inspect(file, Limits{}, media::FaceSettings{}), rewrite_clean(file, Limits{})};
}

// Both refuse `bytes` with `rule`, with a message that starts with `message`.
void check_refused(const std::string& bytes, const std::string& rule, const std::string& message) {
    Both both = read_both(bytes);
    REQUIRE(both.inspection.problem);
    CHECK(both.inspection.problem->rule == rule);
    CHECK(both.inspection.problem->message.substr(0, message.size()) == message);
    CHECK(both.inspection.page_text.empty());
    REQUIRE(both.cleaned.problem);
    CHECK(both.cleaned.problem->rule == rule);
    CHECK(both.cleaned.problem->message.substr(0, message.size()) == message);
    CHECK(both.cleaned.bytes.empty());
}

// The first image XObject of the first page.
QPDFObjectHandle first_image(QPDF& qpdf, bool jpeg) {
    for (auto& [name, image] : QPDFPageObjectHelper(qpdf.getAllPages().at(0)).getImages()) {
        bool is_jpeg = image.getDict().getKey("/Filter").isName() &&
                       image.getDict().getKey("/Filter").getName() == "/DCTDecode";
        if (is_jpeg == jpeg) return image;
    }
    FAIL("no such image");
    return {};
}

}  // namespace

TEST_SUITE("document::hostile") {
    TEST_CASE("an encrypted PDF is withheld, even with an empty user password") {
        std::string source = simple_pdf();
        SUBCASE("AES-256, no user password") {
            check_refused(edit_pdf(source, [](QPDF&) {}, [](QPDFWriter& writer) {
                              writer.setStaticID(false);
                              writer.setR6EncryptionParameters("", "owner", true, true, true, true, true, true,
                                                               qpdf_r3p_full, true);
                          }),
                          "media.unreadable", "the PDF is encrypted");
        }
        SUBCASE("AES-128, no user password, metadata in clear") {
            check_refused(edit_pdf(source, [](QPDF&) {}, [](QPDFWriter& writer) {
                              writer.setStaticID(false);
                              writer.setR4EncryptionParametersInsecure("", "owner", true, true, true, true, true, true,
                                                                       qpdf_r3p_full, false, true);
                          }),
                          "media.unreadable", "the PDF is encrypted");
        }
        SUBCASE("AES-256 with a user password") {
            std::string locked = edit_pdf(source, [](QPDF&) {}, [](QPDFWriter& writer) {
                writer.setStaticID(false);
                writer.setR6EncryptionParameters("secret", "owner", true, true, true, true, true, true, qpdf_r3p_full,
                                                 true);
            });
            check_refused(locked, "media.unreadable", "the PDF is encrypted");
            CHECK_FALSE(page_text(locked));
            CHECK(find_leftovers(locked).size() == 1);
        }
    }

    TEST_CASE("a truncated or damaged PDF is withheld") {
        std::string source = simple_pdf();
        SUBCASE("the first half of a file") {
            std::string half = source.substr(0, source.size() / 2);
            check_refused(half, "media.unreadable", "the PDF is damaged (");
            REQUIRE(find_leftovers(half).size() == 1);
            CHECK(find_leftovers(half)[0].rfind("unreadable PDF (", 0) == 0);
        }
        SUBCASE("cairo 1.16's PDF with a link: a dangling reference at a wrong offset") {
            // qpdf would repair it (reconstructing the cross-reference table), and a repair is a guess.
            check_refused(make_pdf({.pages = {Page{.lines = {"Contact"}, .link = "mailto:office@school.example"}}}),
                          "media.unreadable", "the PDF is damaged (expected 3 0 obj)");
        }
        SUBCASE("a content stream that does not decompress") {
            std::string written = edit_pdf(source, [](QPDF&) {});
            QPDF qpdf;
            qpdf.processMemoryFile("test", written.data(), written.size());
            QPDFObjectHandle contents = first_page(qpdf).getKey("/Contents");
            if (contents.isArray()) contents = contents.getArrayItem(0);
            std::string raw = buffer_string(contents.getRawStreamData());
            REQUIRE(raw.size() > 40);
            std::size_t at = written.find(raw);
            REQUIRE(at != std::string::npos);
            for (std::size_t i = 10; i < 30; ++i) written[at + i] = char(0x5A ^ written[at + i]);
            check_refused(written, "media.unreadable", "the PDF is damaged (");
        }
    }

    TEST_CASE("fonts whose text cannot be extracted are withheld") {
        struct Case {
            const char* name;
            std::function<QPDFObjectHandle(QPDF&)> font;
            std::string message;
        };
        const Case cases[] = {
            {"a CID font with Identity-H and no ToUnicode",
             [](QPDF&) {
                 return QPDFObjectHandle::parse(
                     "<< /Type /Font /Subtype /Type0 /BaseFont /Hidden /Encoding /Identity-H /DescendantFonts [ << "
                     "/Type /Font /Subtype /CIDFontType2 /BaseFont /Hidden /CIDSystemInfo << /Registry (Adobe) "
                     "/Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName "
                     "/Hidden /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 "
                     "/CapHeight 700 /StemV 80 >> /DW 500 >> ] >>");
             },
             "page 1: font Hidden has no text mapping (a Type0 font with Identity-H encoding and no /ToUnicode), "
             "so its words cannot be checked; export the PDF again with fonts that keep their text (or print it "
             "to a new PDF)"},
            {"a Type3 font without ToUnicode",
             [](QPDF& qpdf) {
                 QPDFObjectHandle font = QPDFObjectHandle::parse(
                     "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
                     "/Encoding << /Type /Encoding /Differences [65 /a] >> /FirstChar 65 /LastChar 65 "
                     "/Widths [1000] >>");
                 QPDFObjectHandle procs = QPDFObjectHandle::newDictionary();
                 procs.replaceKey("/a", qpdf.newStream("1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f"));
                 font.replaceKey("/CharProcs", procs);
                 return font;
             },
             "page 1: font FZ has no text mapping (a Type3 font without /ToUnicode), so its words cannot be "
             "checked; export the PDF again with fonts that keep their text (or print it to a new PDF)"},
        };
        for (const auto& c : cases) {
            CAPTURE(std::string(c.name));
            std::string source = edit_pdf(simple_pdf(), [&](QPDF& qpdf) {
                QPDFObjectHandle page = qpdf.getAllPages().at(0);
                page.getKey("/Resources").getKey("/Font").replaceKey("/FZ", qpdf.makeIndirectObject(c.font(qpdf)));
                page.addPageContents(qpdf.newStream("BT /FZ 12 Tf 50 500 Td <0041> Tj ET"), false);
            });
            check_refused(source, "media.unsupported", c.message);
        }
    }

    TEST_CASE("a CID font with a ToUnicode map passes, its text read") {
        std::string source = edit_pdf(simple_pdf(), [](QPDF& qpdf) {
            QPDFObjectHandle font = QPDFObjectHandle::parse(
                "<< /Type /Font /Subtype /Type0 /BaseFont /Mapped /Encoding /Identity-H /DescendantFonts [ << "
                "/Type /Font /Subtype /CIDFontType2 /BaseFont /Mapped /CIDSystemInfo << /Registry (Adobe) "
                "/Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName "
                "/Mapped /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 "
                "/CapHeight 700 /StemV 80 >> /DW 500 >> ] >>");
            font.replaceKey("/ToUnicode",
                            qpdf.newStream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                                           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
                                           "/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
                                           "1 begincodespacerange <0000> <FFFF> endcodespacerange "
                                           "2 beginbfchar <0001> <0051> <0002> <005A> endbfchar "
                                           "endcmap CMapName currentdict /CMap defineresource pop end end"));
            QPDFObjectHandle page = first_page(qpdf);
            page.getKey("/Resources").getKey("/Font").replaceKey("/FZ", qpdf.makeIndirectObject(font));
            page.addPageContents(qpdf.newStream("BT /FZ 12 Tf 50 500 Td <00010002> Tj ET"), false);
        });
        Both both = read_both(source);
        REQUIRE_FALSE(both.inspection.problem);
        CHECK(contains(both.inspection.page_text[0], "QZ"));
        REQUIRE_FALSE(both.cleaned.problem);
        CHECK(contains((*page_text(both.cleaned.bytes))[0], "QZ"));
    }

    TEST_CASE("hidden optional content is withheld, visible optional content passes") {
        struct Case {
            const char* configuration;
            bool hidden;
        };
        const Case cases[] = {
            {"<< /OFF [ G ] >>", true},
            {"<< /BaseState /OFF >>", true},
            {"<< /BaseState /OFF /ON [ G ] >>", false},
            {"<< /ON [ G ] >>", false},
        };
        for (const auto& c : cases) {
            CAPTURE(c.configuration);
            std::string source = edit_pdf(simple_pdf(), [&](QPDF& qpdf) {
                QPDFObjectHandle group = qpdf.makeIndirectObject(
                    QPDFObjectHandle::parse("<< /Type /OCG /Name (Pupils' names) >>"));
                std::string configuration = c.configuration;
                if (auto at = configuration.find(" G "); at != std::string::npos)
                    configuration.replace(at + 1, 1, group.unparse());
                QPDFObjectHandle properties = QPDFObjectHandle::newDictionary();
                properties.replaceKey("/OCGs", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{group}));
                properties.replaceKey("/D", QPDFObjectHandle::parse(&qpdf, configuration));
                qpdf.getRoot().replaceKey("/OCProperties", properties);
            });
            if (c.hidden) {
                check_refused(source, "media.unsupported",
                              "the PDF has hidden optional content (layers switched off), which the text and photo "
                              "checks cannot see; export it again without hidden layers");
            } else {
                Both both = read_both(source);
                REQUIRE_FALSE(both.inspection.problem);
                CHECK(any_contains(both.inspection.removed, "optional content configuration"));
                REQUIRE_FALSE(both.cleaned.problem);
                CHECK_FALSE(contains(both.cleaned.bytes, "/OCProperties"));
            }
        }
    }

    TEST_CASE("an incremental update's earlier revision does not survive") {
        // Revision 1 draws a name in an uncompressed stream; revision 2, appended, replaces it.
        std::string base = edit_pdf(
            simple_pdf(),
            [](QPDF& qpdf) {
                draw_on_first_page(qpdf, "BT /FX 12 Tf 50 300 Td (Report by Ada Lovelace) Tj ET");
                // Comments are never drawn: the text check cannot see them, the clean copy drops them.
                draw_on_first_page(qpdf, "% written by Grace Hopper\nBT /FX 12 Tf 50 250 Td (Thanks) Tj ET");
            },
            [](QPDFWriter& writer) { writer.setCompressStreams(false); });
        QPDF qpdf;
        qpdf.processMemoryFile("base", base.data(), base.size());
        QPDFObjectHandle contents = first_page(qpdf).getKey("/Contents");
        REQUIRE(contents.isArray());
        QPDFObjectHandle named;
        for (auto& stream : contents.getArrayAsVector()) {
            if (contains(buffer_string(stream.getRawStreamData()), "Lovelace")) named = stream;
        }
        REQUIRE(named.isStream());
        std::size_t previous = std::stoul(base.substr(base.rfind("startxref") + 10));
        std::string replacement = "BT /FX 12 Tf 50 300 Td (Report by the office) Tj ET";
        std::string update = "\n";
        std::size_t offset = base.size() + update.size();
        update += std::to_string(named.getObjectID()) + " 0 obj\n<< /Length " + std::to_string(replacement.size()) +
                  " >>\nstream\n" + replacement + "\nendstream\nendobj\n";
        std::size_t xref = base.size() + update.size();
        char entry[32];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        update += "xref\n" + std::to_string(named.getObjectID()) + " 1\n" + entry + "trailer\n<< /Size " +
                  std::to_string(qpdf.getTrailer().getKey("/Size").getIntValue()) + " /Root " +
                  qpdf.getTrailer().getKey("/Root").unparse() + " /Prev " + std::to_string(previous) +
                  " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        std::string source = base + update;

        CHECK(any_contains(find_leftovers(source), "an incremental update (2 cross-reference sections, not 1)"));
        Both both = read_both(source);
        REQUIRE_FALSE(both.inspection.problem);
        CHECK(contains(both.inspection.page_text[0], "Report by the office"));
        CHECK_FALSE(contains(both.inspection.page_text[0], "Lovelace"));
        CHECK(any_contains(both.inspection.removed, "1 earlier revision (incremental update)"));
        REQUIRE_FALSE(both.cleaned.problem);
        CHECK(contains(source, "Lovelace"));
        CHECK_FALSE(contains(both.cleaned.bytes, "Lovelace"));
        CHECK_FALSE(contains(expanded(both.cleaned.bytes), "Lovelace"));
        CHECK(contains(expanded(both.cleaned.bytes), "Report by the office"));
        CHECK(contains(source, "Grace Hopper"));
        CHECK_FALSE(contains(expanded(both.cleaned.bytes), "Hopper"));
        CHECK(contains(both.inspection.page_text[0], "Thanks"));
        CHECK(contains((*page_text(both.cleaned.bytes))[0], "Thanks"));
        CHECK(find_leftovers(both.cleaned.bytes).empty());
    }

    TEST_CASE("an attachment and a JavaScript opening action are gone") {
        std::string source = edit_pdf(simple_pdf(), [](QPDF& qpdf) {
            auto stream = QPDFEFStreamObjectHelper::createEFStream(qpdf, std::string("Ada Lovelace,4B,2015-03-01\n"));
            QPDFEmbeddedFileDocumentHelper(qpdf).replaceEmbeddedFile(
                "pupils.csv", QPDFFileSpecObjectHelper::createFileSpec(qpdf, "pupils.csv", stream));
            qpdf.getRoot().replaceKey("/OpenAction",
                                      QPDFObjectHandle::parse("<< /S /JavaScript /JS (app.alert('Grace Hopper')) >>"));
        });
        std::vector<std::string> found = find_leftovers(source);
        CAPTURE(joined(found));
        CHECK(any_contains(found, "an attachment"));
        CHECK(any_contains(found, "JavaScript"));
        CHECK(any_contains(found, "document-level /OpenAction"));
        Both both = read_both(source);
        REQUIRE_FALSE(both.inspection.problem);
        CAPTURE(joined(both.inspection.removed));
        CHECK(any_contains(both.inspection.removed, "1 attachment"));
        CHECK(any_contains(both.inspection.removed, "JavaScript"));
        CHECK(any_contains(both.inspection.removed, "document actions"));
        REQUIRE_FALSE(both.cleaned.problem);
        std::string clean = expanded(both.cleaned.bytes);
        for (const char* gone : {"pupils.csv", "Lovelace", "app.alert", "Hopper", "/EmbeddedFile", "/JavaScript"}) {
            CAPTURE(gone);
            CHECK(contains(expanded(source), gone));
            CHECK_FALSE(contains(clean, gone));
        }
    }

    TEST_CASE("annotations other than links go, and so do link actions other than URI and GoTo") {
        std::string source = edit_pdf(simple_pdf(), [](QPDF& qpdf) {
            first_page(qpdf).replaceKey(
                "/Annots",
                QPDFObjectHandle::parse(
                    "[ << /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (Ada Lovelace was here) >>"
                    "  << /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (evil.exe) >> >>"
                    "  << /Type /Annot /Subtype /Link /Rect [0 20 10 30] /Contents (Grace Hopper) /A << /S /URI "
                    "     /URI (https://school.example/) /Next << /S /JavaScript /JS (steal) >> >> >> ]"));
        });
        std::vector<std::string> found = find_leftovers(source);
        CAPTURE(joined(found));
        CHECK(any_contains(found, "an annotation (/Text)"));
        CHECK(any_contains(found, "a link action other than URI or GoTo (/Launch)"));
        Both both = read_both(source);
        REQUIRE_FALSE(both.inspection.problem);
        CAPTURE(joined(both.inspection.removed));
        CHECK(any_contains(both.inspection.removed, "1 annotation other than links (Text)"));
        CHECK(any_contains(both.inspection.removed, "1 link action other than URI and GoTo (Launch)"));
        CHECK(any_contains(both.inspection.removed, "JavaScript"));
        CHECK(both.inspection.links == std::vector<std::string>{"https://school.example/"});
        REQUIRE_FALSE(both.cleaned.problem);
        std::string clean = expanded(both.cleaned.bytes);
        for (const char* gone : {"Lovelace", "evil.exe", "Hopper", "steal", "/Launch", "/Next"}) {
            CAPTURE(gone);
            CHECK_FALSE(contains(clean, gone));
        }
        CHECK(contains(clean, "https://school.example/"));
    }

    TEST_CASE("images the gate cannot read are withheld, naming page and image") {
        struct Case {
            const char* name;
            std::function<void(QPDF&)> edit;
            std::string rule, part;
        };
        const Case cases[] = {
            {"JPEG 2000",
             [](QPDF& qpdf) { first_image(qpdf, true).getDict().replaceKey("/Filter", QPDFObjectHandle::newName("/JPXDecode")); },
             "media.unsupported", "is encoded with /JPXDecode, which schoolgate cannot read"},
            {"a JPEG inside Flate",
             [](QPDF& qpdf) {
                 first_image(qpdf, true).getDict().replaceKey("/Filter", QPDFObjectHandle::parse("[/FlateDecode /DCTDecode]"));
             },
             "media.unsupported", "is encoded with /FlateDecode /DCTDecode"},
            {"indexed colour",
             [](QPDF& qpdf) {
                 first_image(qpdf, false).getDict().replaceKey("/ColorSpace", QPDFObjectHandle::parse("[/Indexed /DeviceRGB 1 <000000FFFFFF>]"));
             },
             "media.unsupported", "has /Indexed at 8 bits per component"},
            {"CMYK pixels",
             [](QPDF& qpdf) {
                 first_image(qpdf, false).getDict().replaceKey("/ColorSpace", QPDFObjectHandle::newName("/DeviceCMYK"));
             },
             "media.unsupported", "has /DeviceCMYK at 8 bits"},
            {"a JPEG that does not decode",
             [](QPDF& qpdf) {
                 QPDFObjectHandle image = first_image(qpdf, true);
                 std::string jpeg = buffer_string(image.getRawStreamData());
                 image.replaceStreamData(jpeg.substr(0, jpeg.size() / 3), QPDFObjectHandle(), QPDFObjectHandle());
             },
             "media.unreadable", ""},
        };
        for (const auto& c : cases) {
            CAPTURE(std::string(c.name));
            std::string source = edit_pdf(simple_pdf(), c.edit);
            TempDir dir;
            Inspection inspection = inspect(dir.write("document.pdf", source), Limits{}, media::FaceSettings{});
            REQUIRE(inspection.problem);
            CAPTURE(inspection.problem->message);
            CHECK(inspection.problem->rule == c.rule);
            CHECK(inspection.problem->message.rfind("page 1: image ", 0) == 0);
            CHECK(contains(inspection.problem->message, c.part));
        }
    }

    TEST_CASE("images drawn inline and inside form XObjects are found, masks are not pictures") {
        std::string source = edit_pdf(make_pdf({.pages = {Page{.lines = {"Notices"}}}}), [](QPDF& qpdf) {
            QPDFObjectHandle page = first_page(qpdf);
            // A 3x3 picture with a soft mask, drawn by a form XObject.
            QPDFObjectHandle mask = qpdf.newStream(std::string(9, '\x80'));
            mask.replaceDict(QPDFObjectHandle::parse(
                "<< /Type /XObject /Subtype /Image /Width 3 /Height 3 /ColorSpace /DeviceGray /BitsPerComponent 8 >>"));
            QPDFObjectHandle picture = qpdf.newStream(std::string(27, '\x40'));
            picture.replaceDict(QPDFObjectHandle::parse(
                "<< /Type /XObject /Subtype /Image /Width 3 /Height 3 /ColorSpace /DeviceRGB /BitsPerComponent 8 >>"));
            picture.getDict().replaceKey("/SMask", mask);
            QPDFObjectHandle form = qpdf.newStream("q 100 0 0 100 0 0 cm /Im9 Do Q");
            form.replaceDict(QPDFObjectHandle::parse("<< /Type /XObject /Subtype /Form /BBox [0 0 200 200] >>"));
            QPDFObjectHandle images = QPDFObjectHandle::newDictionary();
            images.replaceKey("/Im9", picture);
            QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
            resources.replaceKey("/XObject", images);
            form.getDict().replaceKey("/Resources", resources);
            QPDFObjectHandle xobjects = page.getKey("/Resources").getKey("/XObject");
            if (!xobjects.isDictionary()) {
                page.getKey("/Resources").replaceKey("/XObject", QPDFObjectHandle::newDictionary());
                xobjects = page.getKey("/Resources").getKey("/XObject");
            }
            xobjects.replaceKey("/Fm9", form);
            // A 2x2 inline picture and an inline stencil mask.
            page.addPageContents(qpdf.newStream("q /Fm9 Do Q\n"
                                                "q 100 0 0 100 300 300 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID abcdefghijkl EI Q\n"
                                                "q 100 0 0 10 300 500 cm BI /W 8 /H 1 /IM true /BPC 1 ID x EI Q\n"),
                                 false);
        });
        Both both = read_both(source);
        REQUIRE_FALSE(both.inspection.problem);
        REQUIRE(both.inspection.images.size() == 2);
        std::vector<int> widths{both.inspection.images[0].width, both.inspection.images[1].width};
        std::sort(widths.begin(), widths.end());
        CHECK(widths == std::vector<int>{2, 3});
        for (const auto& image : both.inspection.images) {
            CHECK(image.page == 1);
            CHECK(image.encoding == "pixels");
            CHECK(image.faces.empty());
        }
        REQUIRE_FALSE(both.cleaned.problem);
        CHECK(find_leftovers(both.cleaned.bytes).empty());
        CHECK_FALSE(contains(expanded(both.cleaned.bytes), "BI /W 2"));
    }

    TEST_CASE("find_leftovers: unparsable bytes are a leftover, not clean") {
        for (const char* bytes : {"", "not a PDF", "%PDF-1.4\n%%EOF\n"}) {
            CAPTURE(bytes);
            std::vector<std::string> found = find_leftovers(bytes);
            REQUIRE(found.size() == 1);
            CHECK(found[0].rfind("unreadable PDF (", 0) == 0);
        }
        std::vector<std::string> found = find_leftovers(simple_pdf());
        CAPTURE(joined(found));
        CHECK(any_contains(found, "Info dictionary"));
        CHECK(any_contains(found, "an embedded JPEG with "));
    }
}

}  // namespace sg::document
