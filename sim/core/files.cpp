// Files a killed run leaves behind (include/peacesim/core/files.hpp).
#include "peacesim/core/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace peacesim::core {

void remove_left_behind(const std::filesystem::path& dir, const std::string& prefix) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string id = name.substr(prefix.size());
        char* end = nullptr;
        const long pid = std::strtol(id.c_str(), &end, 10);
        if (pid <= 0 || (*end != '\0' && *end != '-')) continue;
        if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;  // still running
        std::error_code rm;
        fs::remove_all(e.path(), rm);
    }
}

namespace {
std::string staging_prefix(const std::filesystem::path& final_path) {
    return fmt::format(".{}.peacesim-new-", final_path.filename().string());
}
}  // namespace

std::filesystem::path staging_name(const std::filesystem::path& final_path) {
    return final_path.parent_path() / fmt::format("{}{}", staging_prefix(final_path), ::getpid());
}

void remove_left_behind(const std::filesystem::path& final_path) {
    remove_left_behind(final_path.parent_path(), staging_prefix(final_path));
}

bool publish_new_file(const std::filesystem::path& staging,
                      const std::filesystem::path& final_path) {
    if (const int fd = ::open(staging.c_str(), O_RDONLY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, final_path.c_str(), RENAME_NOREPLACE) !=
        0) {
        if (errno == EEXIST) return false;
        throw std::runtime_error(
            fmt::format("cannot put {} in place: {}", final_path.string(), std::strerror(errno)));
    }
    const auto parent = final_path.parent_path();
    const int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return true;
}

}  // namespace peacesim::core
