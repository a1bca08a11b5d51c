// --screenshot: the framebuffer written to a PNG, for the screenshot test and the docs.
#include <stb_image_write.h>

#include <vector>

#include "ui.hpp"

namespace peacesim::viz {

bool write_screenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> px(std::size_t(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, px.data());
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 3, px.data(), width * 3) != 0;
}

}  // namespace peacesim::viz
