// Checkpoints (docs/training.md, "Checkpoints"): the complete state of a run in one file, so that
// an exercise can stop and continue, or branch, and give the very bits of a run never stopped.
//
// The file: a header line, the program version as a line of text (read first, so that another
// version is named as such), then in binary the format, the scenario the run started from and
// the one as it stands, the seed; then every variable the day step reads or writes, in the order
// of fields() below; then a 64-bit check over the binary part, checked before any of it is read.
// What the run derives from its starting scenario and seed alone (the map's geography, what each
// place sees) is rebuilt by constructing the run afresh, then overwritten by what the file holds.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <type_traits>

#include "engine/state.hpp"
#include "peacesim/core/files.hpp"
#include "peacesim/core/hash.hpp"
#include "peacesim/core/version.hpp"
#include "peacesim/scenario/load.hpp"

namespace peacesim::engine {

namespace {

constexpr char magic[] = "peacesim checkpoint\n";
constexpr std::uint32_t format_version = 5;

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// The check sum: the state hasher over fixed blocks of the bytes after the header line, so that
// a reader can check a whole file before it parses any of it.
class BlockHash {
  public:
    static constexpr std::size_t block = 1 << 16;
    void add(const void* p, std::size_t n) {
        const auto* c = static_cast<const unsigned char*>(p);
        while (n > 0) {
            const std::size_t take = std::min(n, block - buf_.size());
            buf_.insert(buf_.end(), c, c + take);
            c += take, n -= take;
            if (buf_.size() == block) h_.add_bytes(buf_.data(), block), buf_.clear();
        }
    }
    std::uint64_t value() {
        if (!buf_.empty()) h_.add_bytes(buf_.data(), buf_.size()), buf_.clear();
        return h_.value();
    }

  private:
    core::StateHasher h_;
    std::vector<unsigned char> buf_;
};

class Writer {
  public:
    explicit Writer(std::FILE* f) : f_(f) {}
    void bytes(const void* p, std::size_t n) {
        if (n == 0) return;
        h_.add(p, n);
        if (std::fwrite(p, 1, n, f_) != n) ok_ = false;
    }
    template <class T>
    void io(T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes(&v, sizeof v);
    }
    template <class T>
    void io(std::vector<T>& v) {
        std::uint64_t n = v.size();
        io(n);
        bytes(v.data(), v.size() * sizeof(T));
    }
    void io(std::string& s) {
        std::uint64_t n = s.size();
        io(n);
        bytes(s.data(), s.size());
    }
    template <class T, class F>
    void each(std::vector<T>& v, F f) {
        std::uint64_t n = v.size();
        io(n);
        for (auto& x : v) f(x);
    }
    void finish() {
        std::uint64_t check = h_.value();
        if (std::fwrite(&check, 1, sizeof check, f_) != sizeof check) ok_ = false;
    }
    bool ok() const noexcept { return ok_; }

  private:
    std::FILE* f_;
    BlockHash h_;
    bool ok_ = true;
};

class Reader {
  public:
    Reader(std::FILE* f, std::uint64_t size, std::string path)
        : f_(f), left_(size), path_(std::move(path)) {}
    void bytes(void* p, std::size_t n) {
        if (n == 0) return;
        if (n > left_ || std::fread(p, 1, n, f_) != n) damaged("it ends early");
        left_ -= n;
    }
    template <class T>
    void io(T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes(&v, sizeof v);
    }
    std::size_t count(std::size_t item) {
        std::uint64_t n = 0;
        io(n);
        // A length the rest of the file cannot hold is damage, not a reason to allocate.
        if (item > 0 && n > left_ / item) damaged("a length runs past its end");
        return std::size_t(n);
    }
    template <class T>
    void io(std::vector<T>& v) {
        v.resize(count(sizeof(T)));
        bytes(v.data(), v.size() * sizeof(T));
    }
    void io(std::string& s) {
        s.resize(count(1));
        bytes(s.data(), s.size());
    }
    template <class T, class F>
    void each(std::vector<T>& v, F f) {
        v.resize(count(1));
        for (auto& x : v) f(x);
    }
    void finish() {
        if (left_ != sizeof(std::uint64_t)) damaged("it does not end where its contents do");
    }
    [[noreturn]] void damaged(const char* why) const {
        throw CheckpointError(
            fmt::format("{}: not a usable checkpoint: {} (damaged or cut short?)", path_, why));
    }

  private:
    std::FILE* f_;
    std::uint64_t left_;
    std::string path_;
};

// Whether the bytes from the current position to the last eight hash to those eight.
bool check_sum_holds(std::FILE* f, std::uint64_t size) {
    if (size < sizeof(std::uint64_t)) return false;
    BlockHash h;
    std::vector<unsigned char> buf(BlockHash::block);
    std::uint64_t left = size - sizeof(std::uint64_t);
    while (left > 0) {
        const std::size_t n = std::size_t(std::min<std::uint64_t>(left, buf.size()));
        if (std::fread(buf.data(), 1, n, f) != n) return false;
        h.add(buf.data(), n);
        left -= n;
    }
    std::uint64_t check = 0;
    return std::fread(&check, 1, sizeof check, f) == sizeof check && check == h.value();
}

template <class Ar>
void buckets(Ar& ar, world::detail::Buckets& b) {
    ar.io(b.cell), ar.io(b.bw), ar.io(b.bh), ar.io(b.start), ar.io(b.items);
}

// Every variable of the run that is not derived from its starting scenario and seed alone.
template <class Ar>
void fields(Ar& ar, Simulation::State& s) {
    ar.io(s.day), ar.io(s.agent_updates), ar.io(s.population), ar.io(s.displaced_peak);
    std::uint64_t next_inject = s.next_inject, next_decision = s.next_decision;
    ar.io(next_inject), ar.io(next_decision);
    s.next_inject = std::size_t(next_inject), s.next_decision = std::size_t(next_decision);
    ar.io(s.map.road);
    ar.io(s.season);

    auto& c = s.civ;
    ar.io(c.home), ar.io(c.location), ar.io(c.group), ar.io(c.status), ar.io(c.affiliation);
    ar.io(c.hardship), ar.io(c.risk_aversion), ar.io(c.grievance), ar.io(c.trust_state);
    ar.io(c.jail_days), ar.io(c.trust_mission);
    c.run_ends.clear();  // derived from home and group: rebuilt on the next day
    auto& pr = s.presence;
    std::uint64_t groups = pr.groups;
    ar.io(groups);
    pr.groups = std::size_t(groups);
    ar.io(pr.present), ar.io(pr.actives), ar.io(pr.residents), ar.io(pr.trust_mission);
    auto& pe = s.perception;
    ar.io(pe.threat), ar.io(pe.refuge), ar.io(pe.recruit_group), ar.io(pe.arrest_p);
    ar.io(pe.jail_p);

    auto& f = s.forces;
    ar.each(f.parties, [&](actors::Party& p) {
        ar.io(p.name), ar.io(p.government), ar.io(p.identity), ar.io(p.legitimacy);
        ar.io(p.initial_legitimacy), ar.io(p.capacity), ar.io(p.consent), ar.io(p.hr_compliance);
        ar.io(p.cohesion), ar.io(p.initial_cohesion), ar.io(p.resources), ar.io(p.brutality);
        ar.io(p.stance), ar.io(p.recruits), ar.io(p.losses), ar.io(p.band_size);
        ar.io(p.home_region), ar.io(p.pain), ar.io(p.offensive_until), ar.io(p.splinter_of);
    });
    ar.io(f.units), ar.io(f.control), ar.io(f.gov_companies), ar.io(f.gov_guard);
    ar.io(f.armed), ar.io(f.soldiers), ar.io(f.fighters);
    buckets(ar, f.unit_index);
    ar.io(f.fought), ar.io(f.today), ar.io(f.attrition);

    auto& in = s.incidents;
    ar.io(in.today), ar.io(in.osv_p), ar.io(in.osv_party), ar.io(in.osv_event);
    ar.io(in.osv_spare), ar.io(in.osv_only), ar.io(in.collateral_p), ar.io(in.collateral_event);
    ar.io(in.deaths), ar.io(in.violations), ar.io(in.violation_sites);
    ar.io(in.memory);

    auto& com = s.communities;
    ar.io(com.tension), ar.io(com.capacity), ar.io(com.access), ar.io(com.initial_pop);
    ar.io(com.clash_p), ar.io(com.clash_a), ar.io(com.clash_b), ar.io(com.clash_event);
    ar.io(com.dialogues_today), ar.io(com.clashes_today), ar.io(com.clashes_policed_today);

    auto& pol = s.politics;
    ar.io(pol.stage), ar.io(pol.furthest), ar.io(pol.stage_day), ar.io(pol.relapses);
    ar.io(pol.mediation), ar.io(pol.council_unity), ar.io(pol.inclusion);
    ar.io(pol.violence_ema), ar.io(pol.threat_ema), ar.io(pol.violations_ema);
    ar.io(pol.elections_until), ar.io(pol.election_deaths), ar.io(pol.election_baseline);
    ar.io(pol.demobilise);

    auto& m = s.mission;
    ar.io(m.on), ar.io(m.tasks), ar.io(m.roe), ar.io(m.posture), ar.io(m.units);
    ar.io(m.hubs), ar.io(m.base_order);
    buckets(ar, m.index);
    ar.io(m.guard), ar.io(m.safety), ar.io(m.poc), ar.io(m.reported);
    ar.io(m.civil_affairs_here), ar.io(m.misconduct_here), ar.io(m.police_near);
    ar.io(m.truce_until);
    ar.io(m.policed), ar.io(m.response_share), ar.io(m.response_threat), ar.io(m.record);
    ar.io(m.cash), ar.io(m.owed), ar.io(m.flight_hours_left), ar.io(m.cost);
    ar.io(m.ops_share), ar.io(m.fuel_left), ar.io(m.oldest_unpaid), ar.io(m.max_delay);
    ar.io(m.impartiality), ar.io(m.totals), ar.io(m.response_times), ar.io(m.today_responses);
    ar.io(m.today), ar.io(m.incidents);

    ar.io(s.history), ar.io(s.events);
    ar.each(s.log, [&](LoggedDecision& e) {
        ar.io(e.day), ar.io(e.role), ar.io(e.kind), ar.io(e.what), ar.io(e.option);
        ar.io(e.done), ar.io(e.civilians_killed), ar.io(e.battle_deaths), ar.io(e.displaced);
        ar.io(e.fighters_groups), ar.io(e.stage), ar.io(e.legitimacy);
        bool has = e.decision.has_value();
        ar.io(has);
        if (has && !e.decision) e.decision.emplace();
        if (has) {
            auto& d = *e.decision;
            ar.io(d.day), ar.io(d.set), ar.io(d.unit), ar.io(d.move_to), ar.io(d.posture);
            ar.io(d.role);
        }
    });
    ar.io(s.role);
}

template <class Ar>
void header(Ar& ar, std::string& start, std::string& now, std::uint64_t& seed) {
    ar.io(start), ar.io(now), ar.io(seed);
}

}  // namespace

void Simulation::save_checkpoint(const std::string& path) const {
    namespace fs = std::filesystem;
    const fs::path final_path(path);
    const std::string prefix = fmt::format(".{}.tmp", final_path.filename().string());
    core::remove_left_behind(final_path.parent_path(), prefix);  // of runs killed while saving
    const fs::path tmp = final_path.parent_path() / fmt::format("{}{}", prefix, ::getpid());
    {
        File f(std::fopen(tmp.c_str(), "wb"));
        if (!f)
            throw CheckpointError(
                fmt::format("cannot write a checkpoint at {}: {}", path,
                            errno == ENOSPC ? "the disk is full" : std::strerror(errno)));
        const std::string version = core::version_string() + "\n";
        bool ok = std::fwrite(magic, 1, sizeof magic - 1, f.get()) == sizeof magic - 1 &&
                  std::fwrite(version.data(), 1, version.size(), f.get()) == version.size();
        Writer w(f.get());
        std::uint32_t fmt_version = format_version;
        w.io(fmt_version);
        std::string start = scenario::to_toml(s_->start), now = scenario::to_toml(s_->sc);
        std::uint64_t seed = s_->seed;
        header(w, start, now, seed);
        fields(w, const_cast<State&>(*s_));  // the writer only reads
        w.finish();
        ok = ok && w.ok() && std::fflush(f.get()) == 0 && ::fsync(::fileno(f.get())) == 0;
        if (!ok) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw CheckpointError(
                fmt::format("cannot write a checkpoint at {}: {}", path,
                            errno == ENOSPC ? "the disk is full" : std::strerror(errno)));
        }
    }
    std::error_code ec;
    fs::rename(tmp, final_path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw CheckpointError(fmt::format("cannot write a checkpoint at {}", path));
    }
}

Simulation Simulation::load_checkpoint(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || !fs::is_regular_file(path))
        throw CheckpointError(fmt::format("{}: cannot read a checkpoint there: {}", path,
                                          ec ? ec.message() : "not a regular file"));
    File f(std::fopen(path.c_str(), "rb"));
    if (!f)
        throw CheckpointError(fmt::format("{}: cannot open it: {}", path, std::strerror(errno)));
    char head[sizeof magic - 1] = {};
    if (size < sizeof head || std::fread(head, 1, sizeof head, f.get()) != sizeof head ||
        std::string_view(head, sizeof head) != std::string_view(magic, sizeof magic - 1))
        throw CheckpointError(fmt::format("{}: not a peacesim checkpoint", path));
    // The version line: at most a few hundred characters, then a line break.
    std::string version;
    for (int c; (c = std::fgetc(f.get())) != '\n';) {
        if (c == EOF || version.size() > 256)
            throw CheckpointError(fmt::format("{}: not a peacesim checkpoint", path));
        version += char(c);
    }
    if (!std::all_of(version.begin(), version.end(), [](char c) { return c >= ' ' && c <= '~'; }))
        throw CheckpointError(fmt::format(
            "{}: a checkpoint this program cannot read: an earlier format, or damaged", path));
    if (version != core::version_string())
        throw CheckpointError(fmt::format(
            "{}: written by peacesim {}; this is peacesim {}, and a run continues exactly only "
            "in the program that began it (rerun its scenario.toml and decisions instead)",
            path, version, core::version_string()));
    const long body = std::ftell(f.get());
    // The whole file is checked before any of it is believed: a damaged length or flag is never
    // read as one.
    if (!check_sum_holds(f.get(), size - std::uint64_t(body)))
        throw CheckpointError(fmt::format(
            "{}: not a usable checkpoint: its check sum does not match its contents (damaged or "
            "cut short?)",
            path));
    std::fseek(f.get(), body, SEEK_SET);
    Reader r(f.get(), size - std::uint64_t(body), path);
    std::uint32_t fmt_version = 0;
    r.io(fmt_version);
    if (fmt_version != format_version)
        throw CheckpointError(
            fmt::format("{}: a checkpoint of format {}; this program reads format {}", path,
                        fmt_version, format_version));
    std::string start, now;
    std::uint64_t seed = 0;
    header(r, start, now, seed);
    Simulation sim;
    sim.s_ = std::make_unique<State>();
    try {
        // The run as it began: its geography, what each place sees.
        scenario::Scenario begun = scenario::load_text(start, path + " (starting scenario)");
        sim.s_->start = begun;
        sim.s_->sc = std::move(begun);
        sim.s_->seed = seed;
        sim.s_->init();
        sim.s_->sc = scenario::load_text(now, path + " (scenario)");
    } catch (const scenario::ScenarioError& e) {
        throw CheckpointError(
            fmt::format("{}: its scenario does not load: {}", path, e.diagnostics().front().str()));
    }
    fields(r, *sim.s_);
    r.finish();
    return sim;
}

}  // namespace peacesim::engine
