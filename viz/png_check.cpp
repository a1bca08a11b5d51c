// Checks a screenshot: readable PNG, at least the given size, and not blank (enough colours).
// Usage: png_check FILE MIN_WIDTH MIN_HEIGHT MIN_COLOURS
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: png_check FILE MIN_WIDTH MIN_HEIGHT MIN_COLOURS\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
    if (!px) {
        std::fprintf(stderr, "png_check: %s is not a readable PNG\n", argv[1]);
        return 1;
    }
    std::set<unsigned> colours;
    for (long i = 0; i < long(w) * h; ++i)
        colours.insert(unsigned(px[3 * i]) << 16 | unsigned(px[3 * i + 1]) << 8 | px[3 * i + 2]);
    stbi_image_free(px);
    std::printf("%s: %dx%d, %zu colours\n", argv[1], w, h, colours.size());
    if (w < std::atoi(argv[2]) || h < std::atoi(argv[3])) return 1;
    return colours.size() >= std::size_t(std::atoi(argv[4])) ? 0 : 1;
}
