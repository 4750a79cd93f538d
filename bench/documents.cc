// Measures PDF documents through the gate (document/pdf.h) on a newsletter as schools make them:
// 20 A4 pages of text with 30 camera photos embedded as the cameras wrote them (EXIF, GPS, maker
// notes; the repository's fixtures, cycled), made here with cairo's PDF surface. One run prints,
// side by side on the same file:
//
//   schoolgate  document::inspect (text of every page, every picture's metadata and faces), then
//               document::rewrite_clean (the whole clean rewrite, every JPEG re-encoded, read back)
//   qpdf        `qpdf IN OUT`: a plain rewrite by the same library, nothing removed or re-encoded
//   exiftool    `exiftool -all:all= -o OUT IN`: the Info dictionary and XMP only (exiftool's PDF
//               edits are incremental: the old metadata stays in the file)
//
//   documents [--pages N] [--photos M] [--keep FILE]   (--keep: write the generated newsletter there)
// Wall time, the best of three. Reports; asserts nothing.
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>
#include <vips/vips8>

#include "document/pdf.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using namespace sg;

namespace {

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The camera fixtures that decode: real JPEGs with their cameras' metadata.
std::vector<fs::path> camera_photos() {
    std::vector<fs::path> photos;
    for (const auto& entry : fs::directory_iterator(fs::path(SG_FIXTURES_DIR) / "camera")) {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".jpg" || name.starts_with("invalid") || name.starts_with("corrupted")) continue;
        photos.push_back(entry.path());
    }
    std::sort(photos.begin(), photos.end());
    return photos;
}

std::string newsletter(int pages, int photos) {
    std::vector<fs::path> sources = camera_photos();
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to, &bytes, 595, 842);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "A. Teacher");
    cairo_t* cr = cairo_create(surface);
    int placed = 0;
    for (int page = 0; page < pages; ++page) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 11);
        double y = 50;
        for (int line = 0; line < 12; ++line, y += 16) {
            std::string text = "Page " + std::to_string(page + 1) + ": the term's news, clubs, trips and dates, line " +
                               std::to_string(line + 1) + ".";
            cairo_move_to(cr, 50, y);
            cairo_show_text(cr, text.c_str());
        }
        // Photos spread over the pages: two on the first ten, one on the rest, up to `photos`.
        int here = std::min(photos - placed, page < photos - pages ? 2 : 1);
        for (int i = 0; i < here; ++i, ++placed) {
            const fs::path& source = sources[static_cast<size_t>(placed) % sources.size()];
            vips::VImage header = vips::VImage::new_from_file(source.c_str());
            cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, header.width(), header.height());
            auto* jpeg = new std::string(util::read_file(source));
            cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(jpeg->data()),
                                        jpeg->size(), [](void* data) { delete static_cast<std::string*>(data); }, jpeg);
            double scale = 240.0 / std::max(header.width(), header.height());
            cairo_save(cr);
            cairo_translate(cr, 50 + i * 260, y + 20);
            cairo_scale(cr, scale, scale);
            cairo_set_source_surface(cr, image, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
            cairo_surface_destroy(image);
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return bytes;
}

double best_of_three(const std::function<void()>& run) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        auto start = std::chrono::steady_clock::now();
        run();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

void row(const char* what, double seconds, const std::string& note) {
    std::printf("  %-42s %8.3f s   %s\n", what, seconds, note.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    int pages = 20, photos = 30;
    std::string keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--pages") pages = std::atoi(argv[i + 1]);
        else if (flag == "--photos") photos = std::atoi(argv[i + 1]);
        else if (flag == "--keep") keep = argv[i + 1];
        else {
            std::cerr << "documents: unknown option " << flag << '\n';
            return 2;
        }
    }
    if (VIPS_INIT(argv[0])) return 3;
    fs::path dir = fs::temp_directory_path() / "schoolgate-documents-bench";
    fs::create_directories(dir);
    fs::path source = dir / "newsletter.pdf";
    util::write_file_atomic(source, newsletter(pages, photos));
    if (!keep.empty()) fs::copy_file(source, keep, fs::copy_options::overwrite_existing);
    std::printf("a newsletter of %d pages with %d camera photos: %.1f MB\n", pages, photos,
                static_cast<double>(fs::file_size(source)) / (1024 * 1024));

    document::Inspection inspection;
    double read = best_of_three([&] { inspection = document::inspect(source, {}, {}); });
    if (inspection.problem) {
        std::cerr << "documents: the newsletter was refused: " << inspection.problem->message << '\n';
        return 1;
    }
    size_t faces = 0, with_gps = 0;
    for (const auto& image : inspection.images) {
        faces += image.faces.size();
        with_gps += image.has_gps;
    }
    document::Cleaned cleaned;
    double clean = best_of_three([&] { cleaned = document::rewrite_clean(source, {}); });
    if (cleaned.problem) {
        std::cerr << "documents: no clean copy: " << cleaned.problem->message << '\n';
        return 1;
    }
    fs::path qpdf_out = dir / "qpdf.pdf", exiftool_out = dir / "exiftool.pdf";
    std::string qpdf = "qpdf " + source.string() + " " + qpdf_out.string();
    std::string exiftool = "rm -f " + exiftool_out.string() + " && exiftool -q -q -all:all= -o " + exiftool_out.string() +
                           " " + source.string();
    double qpdf_time = best_of_three([&] { std::system(qpdf.c_str()); });
    double exiftool_time = best_of_three([&] { std::system(exiftool.c_str()); });

    std::printf("\n");
    row("schoolgate: read (text, pictures, faces)", read,
        std::to_string(inspection.pages) + " pages, " + std::to_string(inspection.images.size()) + " pictures (" +
            std::to_string(with_gps) + " with GPS), " + std::to_string(faces) + " faces");
    row("schoolgate: clean rewrite, read back", clean,
        std::to_string(cleaned.bytes.size() / 1024) + " KB, " +
            std::to_string(document::find_leftovers(cleaned.bytes).size()) + " leftovers");
    row("schoolgate: both (a cold build's work)", read + clean, "");
    row("qpdf IN OUT (rewrite only)", qpdf_time, std::to_string(fs::file_size(qpdf_out) / 1024) + " KB, " +
                                                     std::to_string(document::find_leftovers(util::read_file(qpdf_out)).size()) +
                                                     " leftovers");
    row("exiftool -all:all= (metadata only)", exiftool_time,
        std::to_string(fs::file_size(exiftool_out) / 1024) + " KB, " +
            std::to_string(document::find_leftovers(util::read_file(exiftool_out)).size()) + " leftovers");
    std::printf("\nthe clean rewrite / qpdf's: %.1fx (every JPEG re-encoded, the copy read back)\n"
                "read and rewrite / qpdf: %.1fx, / exiftool: %.1fx (the reading is mostly face detection; a warm "
                "build takes both from the cache)\n",
                clean / qpdf_time, (read + clean) / qpdf_time, (read + clean) / exiftool_time);
    return 0;
}
