// The doctest main shared by every test executable: libvips is initialised once, as in main().
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <vips/vips8>

int main(int argc, char** argv) {
    if (VIPS_INIT(argv[0])) vips_error_exit("cannot initialise libvips");
    doctest::Context context(argc, argv);
    int result = context.run();
    vips_shutdown();
    return result;
}
