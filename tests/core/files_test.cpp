#include "peacesim/core/files.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace peacesim;

namespace {

/// The id of a process that has exited and been reaped.
pid_t gone_pid() {
    const pid_t p = ::fork();
    if (p == 0) ::_exit(0);
    ::waitpid(p, nullptr, 0);
    return p;
}

void touch(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

fs::path fresh_dir(const std::string& name) {
    const auto d = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST_CASE("a new file goes in place whole and never over another", "[core][files]") {
    const auto dir = fresh_dir("peacesim-publish");
    const auto target = dir / "results.db";
    const auto staging = core::staging_name(target);
    CHECK(staging.filename().string() == ".results.db.peacesim-new-" + std::to_string(::getpid()));
    touch(staging, "first");
    CHECK(core::publish_new_file(staging, target));
    CHECK(read(target) == "first");
    CHECK_FALSE(fs::exists(staging));
    // A second writer finds the file in place: it is told so and replaces nothing.
    touch(staging, "second");
    CHECK_FALSE(core::publish_new_file(staging, target));
    CHECK(read(target) == "first");
    CHECK(read(staging) == "second");
    fs::remove_all(dir);
}

TEST_CASE("what processes that are gone left behind is removed, with its companions",
          "[core][files]") {
    const auto dir = fresh_dir("peacesim-left-behind");
    const auto target = dir / "sweep.db";
    const std::string dead = std::to_string(gone_pid());
    const std::string mine = std::to_string(::getpid());
    const std::string prefix = ".sweep.db.peacesim-new-";
    for (const auto& name : {prefix + dead, prefix + dead + "-wal", prefix + dead + "-journal",
                             prefix + mine, prefix + mine + "-wal", prefix + "x1",
                             std::string("sweep.db"), std::string("sweep.db-wal")})
        touch(dir / name, "x");
    core::remove_left_behind(target);
    CHECK_FALSE(fs::exists(dir / (prefix + dead)));
    CHECK_FALSE(fs::exists(dir / (prefix + dead + "-wal")));
    CHECK_FALSE(fs::exists(dir / (prefix + dead + "-journal")));
    // A running process's files, names that are not ours, and the database itself stay.
    CHECK(fs::exists(dir / (prefix + mine)));
    CHECK(fs::exists(dir / (prefix + mine + "-wal")));
    CHECK(fs::exists(dir / (prefix + "x1")));
    CHECK(fs::exists(dir / "sweep.db"));
    CHECK(fs::exists(dir / "sweep.db-wal"));
    fs::remove_all(dir);
}
