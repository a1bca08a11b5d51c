// Files a killed run leaves behind (include/peacesim/core/files.hpp).
#include "peacesim/core/files.hpp"

#include <signal.h>

#include <cerrno>
#include <cstdlib>

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
        if (pid <= 0 || *end != '\0') continue;
        if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;  // still running
        std::error_code rm;
        fs::remove_all(e.path(), rm);
    }
}

}  // namespace peacesim::core
