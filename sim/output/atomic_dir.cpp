// Output folders safe against any kill (include/peacesim/output/writers.hpp, AtomicDir): the set
// is written into a fresh sibling folder, made durable, and exchanged with the target in one
// rename (renameat2 with RENAME_EXCHANGE), so a reader, or a run killed at any instant, sees the
// old set or the new one, never a mixture.
#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "peacesim/core/files.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::output {

namespace fs = std::filesystem;

namespace {

// The sibling folders of a run: ".NAME.peacesim-new-PID" (being written) and
// ".NAME.peacesim-old-PID" (the previous set, being removed).
constexpr std::string_view new_tag = ".peacesim-new-", old_tag = ".peacesim-old-";

fs::path parent_of(const fs::path& dir) {
    const fs::path p = dir.parent_path();
    return p.empty() ? fs::path(".") : p;
}

std::string base_name(const fs::path& dir) {
    const std::string name = dir.filename().string();
    return name.empty() ? dir.parent_path().filename().string() : name;
}

void sync_path(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

OutputError write_error(const fs::path& file, int err) {
    if (err == ENOSPC || err == EDQUOT)
        return OutputError(fmt::format(
            "cannot write {}: the disk is full (free some space, or give --out on another disk)",
            file.string()));
    return OutputError(fmt::format("cannot write {}: {}", file.string(), std::strerror(err)));
}

}  // namespace

AtomicDir::AtomicDir(fs::path dir) : dir_(std::move(dir)) {
    std::error_code ec;
    if (dir_.empty()) throw OutputError("--out: expected a directory name");
    if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec))
        throw OutputError(fmt::format("--out {}: exists and is not a directory", dir_.string()));
    const fs::path parent = parent_of(dir_);
    if (!fs::is_directory(parent, ec)) {
        // The folders made for it are taken away again if no output comes (a run refused or
        // failed after this point).
        made_ = parent;
        while (made_.has_parent_path() && made_.parent_path() != made_ &&
               !fs::exists(made_.parent_path(), ec))
            made_ = made_.parent_path();
        fs::create_directories(parent, ec);
    }
    if (ec || ::access(parent.c_str(), W_OK) != 0)
        throw OutputError(fmt::format("--out {}: cannot write in {}{}", dir_.string(),
                                      parent.string(), ec ? ": " + ec.message() : ""));
    if (fs::exists(dir_, ec) && ::access(dir_.c_str(), W_OK) != 0)
        throw OutputError(fmt::format("--out {}: the directory is not writable", dir_.string()));
    // Said before the run rather than after it: a folder inside the target cannot go over to
    // the new set in one atomic step (commit()).
    if (fs::is_directory(dir_, ec))
        for (const auto& e : fs::directory_iterator(dir_, ec))
            if (!e.is_regular_file())
                throw OutputError(fmt::format(
                    "--out {}: holds {}, which is not a file of outputs; give --out a folder of "
                    "its own (outputs replace their folder's files as one set)",
                    dir_.string(), e.path().filename().string()));
    // What runs killed before they finished left beside it.
    for (auto tag : {new_tag, old_tag})
        core::remove_left_behind(parent, fmt::format(".{}{}", base_name(dir_), tag));
    staging_ = parent / fmt::format(".{}{}{}", base_name(dir_), new_tag, ::getpid());
    // Permission bits do not say everything (a process run as root passes access() where no
    // file can be made, as in /proc): make the staging folder once, now, before the run.
    fs::remove_all(staging_, ec);
    if (!fs::create_directory(staging_, ec))
        throw OutputError(fmt::format("--out {}: cannot write in {}: {}", dir_.string(),
                                      parent.string(), ec ? ec.message() : "the name is taken"));
    fs::remove(staging_, ec);
}

AtomicDir::~AtomicDir() {
    std::error_code ec;
    if (committed_) return;
    fs::remove_all(staging_, ec);
    // Folders made for the output, innermost first, each only if nothing else is in it.
    if (!made_.empty())
        for (fs::path p = parent_of(dir_);; p = p.parent_path()) {
            if (!fs::remove(p, ec) || p == made_ || !p.has_parent_path()) break;
        }
}

const std::vector<std::string_view>& AtomicDir::output_names() {
    // run and exercise (with the record's files), aar, bench, export. Not checkpoints: one may
    // have been asked for in the folder during the run (--checkpoint DIR/...), and a state
    // saved is never thrown away unasked.
    static const std::vector<std::string_view> names = {
        "summary.json", "timeseries.csv", "events.csv",    "scenario.toml", "decisions.csv",
        "feed.csv",     "exercise.json",  "exercise.toml", "mel.csv",       "aar.html",
        "bench.csv",    "bench.json",     "runs.csv",      "series.csv"};
    return names;
}

void AtomicDir::start() {
    if (!names_.empty()) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);
    if (!fs::create_directory(staging_, ec))
        throw OutputError(fmt::format("cannot create {}: {}", staging_.string(),
                                      ec ? ec.message() : "it exists"));
}

fs::path AtomicDir::reserve(const std::string& name) {
    start();
    names_.push_back(name);
    reserved_.push_back(name);
    return staging_ / name;
}

void AtomicDir::add(const std::string& name, const std::string& content) {
    start();
    names_.push_back(name);
    const fs::path file = staging_ / name;
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) throw write_error(file, errno);
    const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size() &&
                    std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    const int err = errno;
    if (std::fclose(f) != 0 || !ok) throw write_error(file, err ? err : EIO);
}

void AtomicDir::commit() {
    std::error_code ec;
    if (names_.empty()) {  // an empty set: the directory, at least, as asked
        fs::create_directories(dir_, ec);
        committed_ = true;
        return;
    }
    // Files of the target that this set does not replace (a review written beside a record, a
    // user's notes) go over with it, as links: nothing is copied, nothing lost. A folder inside
    // the target cannot go over in the same atomic step, so such a target is refused.
    if (fs::is_directory(dir_, ec)) {
        for (const auto& e : fs::directory_iterator(dir_, ec)) {
            const fs::path into = staging_ / e.path().filename();
            if (fs::exists(into)) continue;
            const auto& ours = output_names();
            if (std::find(ours.begin(), ours.end(), e.path().filename().string()) != ours.end())
                continue;  // an earlier set's output: it goes with the old set
            if (e.is_directory() || !e.is_regular_file())
                throw OutputError(fmt::format(
                    "--out {}: holds {}, which is not a file of outputs; give --out a folder of "
                    "its own (outputs replace their folder's files as one set)",
                    dir_.string(), e.path().filename().string()));
            fs::create_hard_link(e.path(), into, ec);
            if (ec)
                throw OutputError(
                    fmt::format("--out {}: cannot carry {} over to the new outputs: {}",
                                dir_.string(), e.path().filename().string(), ec.message()));
        }
    }
    for (const auto& name : reserved_) {  // written by the caller: made durable here
        const int fd = ::open((staging_ / name).c_str(), O_RDONLY);
        if (fd < 0) throw write_error(staging_ / name, errno);
        const bool ok = ::fsync(fd) == 0;
        const int err = errno;
        ::close(fd);
        if (!ok) throw write_error(staging_ / name, err);
    }
    sync_path(staging_);
    const fs::path parent = parent_of(dir_);
    if (fs::exists(dir_, ec)) {
        // One atomic exchange: the target is the new set, the staging name the old one.
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0)
            throw OutputError(fmt::format("--out {}: cannot put the outputs in place: {}",
                                          dir_.string(), std::strerror(errno)));
        const fs::path old = parent / fmt::format(".{}{}{}", base_name(dir_), old_tag, ::getpid());
        fs::rename(staging_, old, ec);
        fs::remove_all(ec ? staging_ : old, ec);
    } else {
        fs::rename(staging_, dir_, ec);
        if (ec)
            throw OutputError(fmt::format("--out {}: cannot put the outputs in place: {}",
                                          dir_.string(), ec.message()));
    }
    sync_path(parent);
    committed_ = true;
}

}  // namespace peacesim::output
