#pragma once
// Tiny experiments and a scratch directory for the experiment tests: runs of a 20,000-person,
// 64x64 country for 30 days take about ten milliseconds each.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/scratch_dir.hpp"
#include "peacesim/experiment/experiment.hpp"

namespace peacesim::test {

inline const std::string tiny_set =
    R"(set = ["world.population=20000", "world.width=64", "world.height=64", "world.villages=60",
       "world.towns=6", "world.regions=6", "government.forces=800",
       "armed_groups.0.fighters=300", "armed_groups.1.fighters=200",
       "armed_groups.2.fighters=100"])";

/// Two factors (2 x 2 levels), two replicates: eight runs, with series and events kept.
inline std::string tiny_experiment(const std::string& extra = "") {
    return R"([experiment]
name = "tiny"
days = 30
replicates = 2
seed = 7
)" + tiny_set +
           R"(

[[factors]]
key = "mission.troops"
kind = "lever"
values = [0, 3000]

[[factors]]
key = "government.hr_compliance"
range = [0.2, 0.6, 0.8]

[outputs]
series = ["civilians_killed", "displaced", "legitimacy"]
events = true
)" + extra;
}

/// Every row of a query, each as its cells' text joined by '|'.
inline std::vector<std::string> rows(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(s); ++i) {
                const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
                row += (i ? "|" : "") + std::string(t ? t : "NULL");
            }
            out.push_back(row);
        }
    } else {
        out.push_back(std::string("SQL error: ") + sqlite3_errmsg(h));
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
    return out;
}

/// Everything a sweep stores about its runs but their wall time, in run order.
inline std::vector<std::string> results(const std::string& db) {
    auto r = rows(db, "SELECT * FROM runs ORDER BY id");
    // wall_seconds is the last column: drop it.
    for (auto& row : r) row = row.substr(0, row.rfind('|'));
    for (const auto& s : rows(db, "SELECT * FROM series ORDER BY run_id, day, \"column\""))
        r.push_back(s);
    for (const auto& e : rows(db, "SELECT * FROM events ORDER BY run_id, id")) r.push_back(e);
    return r;
}

}  // namespace peacesim::test
