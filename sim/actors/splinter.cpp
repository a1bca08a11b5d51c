// Splits (docs/model.md, section 7.12): a faction breaks away from an armed group with every
// second band and half its recruited civilians (Christia 2012; Pearlman and Cunningham 2012);
// those who break away from a peace process become its spoilers (Stedman 1997).
#include <fmt/format.h>

#include "actors/actors.hpp"
#include "core/parallel.hpp"

namespace peacesim::actors {

using core::Purpose;
using population::Status;

namespace {
/// Affiliations are stored in a byte: at most this many parties.
constexpr std::size_t max_parties = 250;
/// A splinter starts with this cohesion; the parent, rid of its dissidents, gains this much.
constexpr double splinter_cohesion = 0.6, parent_cohesion_gain = 0.1;
/// Share of the parent's recruited civilians who follow the splinter.
constexpr double followers_share = 0.5;
}  // namespace

void splinter(Forces& f, population::Civilians& civ, std::uint32_t p, const core::Today& today) {
    auto& parties = f.parties;
    if (parties.size() >= max_parties) return;
    Party q = parties[p];
    int n = 1;
    for (const auto& o : parties)
        if (o.splinter_of == int(p)) ++n;
    q.name = n == 1 ? fmt::format("{} splinter faction", parties[p].name)
                    : fmt::format("{} splinter faction {}", parties[p].name, n);
    q.recruits = q.losses = 0;
    q.cohesion = splinter_cohesion;
    q.splinter_of = int(p);
    const bool in_process = parties[p].stance == scenario::Stance::Negotiating ||
                            parties[p].stance == scenario::Stance::Signatory;
    q.stance = in_process ? scenario::Stance::Spoiler : scenario::Stance::Fighting;
    parties[p].cohesion = std::min(1.0, parties[p].cohesion + parent_cohesion_gain);
    const auto qi = std::uint32_t(parties.size());
    parties.push_back(q);
    f.today.resize(parties.size());  // the splinter's day starts with no losses
    // Its share of the parent's recruited civilians goes with the splinter, so its losses and
    // its DDR are theirs.
    const auto parent_aff = std::uint8_t(p - 1), split_aff = std::uint8_t(qi - 1);
    core::parallel_for(core::Range(0, civ.size(), 1 << 16), [&](const auto& r) {
        for (std::size_t i = r.begin(); i < r.end(); ++i)
            if (civ.status[i] == std::uint8_t(Status::Recruited) &&
                civ.affiliation[i] == parent_aff &&
                today.stream(std::uint32_t(i), Purpose::SplinterRecruits)
                    .bernoulli(followers_share))
                civ.affiliation[i] = split_aff;
    });
    std::vector<std::uint32_t> mine;
    for (std::uint32_t id = 0; id < f.units.size(); ++id)
        if (f.units[id].party == p && f.units[id].alive()) mine.push_back(id);
    if (mine.size() == 1) {
        Unit half = f.units[mine[0]];
        half.strength = f.units[mine[0]].strength / 2;
        f.units[mine[0]].strength -= half.strength;
        half.party = qi;
        half.action = Action::Hold;
        half.target = no_target;
        if (half.strength > 0) f.units.push_back(half);
    } else {
        for (std::size_t k = 1; k < mine.size(); k += 2) {
            f.units[mine[k]].party = qi;
            f.units[mine[k]].action = Action::Hold;
            f.units[mine[k]].target = no_target;
        }
    }
}

}  // namespace peacesim::actors
