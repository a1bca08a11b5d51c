// Mandates, tasks, rules of engagement and posture (docs/model.md, section 8.1): presets nest,
// each adding to the one before; every task, the ROE and the posture can be overridden.
#include "mission/mission.hpp"

namespace peacesim::mission {

using scenario::Mandate;
using scenario::Roe;
using scenario::Switch;

namespace {
bool pick(Switch s, bool preset) { return s == Switch::Preset ? preset : s == Switch::On; }
}  // namespace

void apply_mandate(State& m, const scenario::MissionParams& p) {
    const Mandate md = p.mandate;
    const int level = int(md);  // presets nest: each adds to the one before
    m.on = md != Mandate::None;
    const bool multi = level >= int(Mandate::Multidimensional);
    const auto& t = p.tasks;
    auto& k = m.tasks;
    k.presence = m.on && pick(t.presence, level >= int(Mandate::Traditional));
    k.patrols = m.on && pick(t.patrols, multi);
    k.protection_sites = m.on && pick(t.protection_sites, multi);
    k.rapid_response = m.on && pick(t.rapid_response, multi);
    k.observe_report = m.on && pick(t.observe_report, level >= int(Mandate::Observer));
    k.human_rights = m.on && pick(t.human_rights, multi);
    k.civil_affairs = m.on && pick(t.civil_affairs, multi);
    k.mediation = m.on && pick(t.mediation, true);
    k.electoral = m.on && pick(t.electoral, multi);
    k.ddr = m.on && pick(t.ddr, multi);
    k.offensive_ops = m.on && pick(t.offensive_ops, md == Mandate::Stabilization);
    m.roe = p.roe != Roe::Preset           ? p.roe
            : md == Mandate::Stabilization ? Roe::Offensive
            : md == Mandate::RobustPoc     ? Roe::DefendMandate
                                           : Roe::SelfDefence;
    m.posture = p.posture != scenario::Posture::Preset ? p.posture
                : md == Mandate::Stabilization         ? scenario::Posture::Robust
                : md == Mandate::RobustPoc             ? scenario::Posture::Mobile
                                                       : scenario::Posture::Static;
}

scenario::MissionTasks tasks_in_force(const State& m) {
    const auto& t = m.tasks;
    auto sw = [](bool on) { return on ? Switch::On : Switch::Off; };
    scenario::MissionTasks r;
    r.presence = sw(t.presence), r.patrols = sw(t.patrols);
    r.protection_sites = sw(t.protection_sites), r.rapid_response = sw(t.rapid_response);
    r.observe_report = sw(t.observe_report), r.human_rights = sw(t.human_rights);
    r.civil_affairs = sw(t.civil_affairs), r.mediation = sw(t.mediation);
    r.electoral = sw(t.electoral), r.ddr = sw(t.ddr), r.offensive_ops = sw(t.offensive_ops);
    return r;
}

}  // namespace peacesim::mission
