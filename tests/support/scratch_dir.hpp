#pragma once
// A scratch directory for tests that write files.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace peacesim::test {

/// A fresh directory under the system's temporary directory, removed at the end of the test.
class ScratchDir {
  public:
    explicit ScratchDir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() /
                ("peacesim-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name, std::ios::binary) << text;
        return file(name);
    }

  private:
    std::filesystem::path path_;
};

}  // namespace peacesim::test
