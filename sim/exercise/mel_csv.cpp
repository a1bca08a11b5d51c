// The master events list as CSV (docs/training.md): read in the columns training centres keep,
// written back in the same columns. The CSV grammar (RFC 4180) is Boost.Spirit's.
#include <fmt/format.h>

#include <algorithm>
#include <boost/spirit/home/x3.hpp>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>

#include "peacesim/exercise/exercise.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::exercise {

namespace {

namespace x3 = boost::spirit::x3;

using scenario::Diagnostic;
using scenario::ScenarioError;

const auto quoted = x3::lexeme['"' >> *(("\"\"" >> x3::attr('"')) | ~x3::char_('"')) >> '"'];
const auto plain = *~x3::char_(",\r\n\"");
const auto field = x3::rule<class field_rule, std::string>{} = quoted | plain;
const auto record = field % ',';

std::string normalised(const std::string& header) {
    std::string out;
    for (unsigned char c : header)
        if (std::isalnum(c)) out += char(std::tolower(c));
    return out;
}

constexpr std::size_t max_mel_bytes = 64u << 20;

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

enum Col { Serial, DayTime, Day, Time, From, To, Message, Expected, Inject, Ncols };
constexpr const char* col_names[] = {"serial",  "day and time",    "day",   "time", "from", "to",
                                     "message", "expected action", "inject"};

int column_of(const std::string& h) {
    static const std::map<std::string, int> names = {{"serial", Serial},
                                                     {"ser", Serial},
                                                     {"serialno", Serial},
                                                     {"serialnumber", Serial},
                                                     {"no", Serial},
                                                     {"id", Serial},
                                                     {"dayandtime", DayTime},
                                                     {"daytime", DayTime},
                                                     {"datetime", DayTime},
                                                     {"dtg", DayTime},
                                                     {"when", DayTime},
                                                     {"date", DayTime},
                                                     {"day", Day},
                                                     {"exerciseday", Day},
                                                     {"time", Time},
                                                     {"from", From},
                                                     {"sender", From},
                                                     {"originator", From},
                                                     {"to", To},
                                                     {"recipient", To},
                                                     {"addressee", To},
                                                     {"message", Message},
                                                     {"msg", Message},
                                                     {"text", Message},
                                                     {"injecttext", Message},
                                                     {"content", Message},
                                                     {"expectedaction", Expected},
                                                     {"expectedactions", Expected},
                                                     {"expectedresponse", Expected},
                                                     {"expectedoutcome", Expected},
                                                     {"inject", Inject},
                                                     {"modelevent", Inject},
                                                     {"event", Inject},
                                                     {"simulationevent", Inject}};
    const auto it = names.find(h);
    return it == names.end() ? -1 : it->second;
}

}  // namespace

std::optional<std::string> clock_of_day(const std::string& text) {
    static const std::regex re(R"(^(\d{1,2})[:h]?(\d{2})$)");
    std::smatch m;
    if (!std::regex_match(text, m, re)) return std::nullopt;
    const int h = std::stoi(m[1]), mi = std::stoi(m[2]);
    if (h > 23 || mi > 59) return std::nullopt;
    return fmt::format("{:02}:{:02}", h, mi);
}

namespace {

// Day (and time) of a serial, counted from the scenario's start.
bool read_when(const std::string& text, const core::Date& start, std::int64_t& day,
               std::string& time) {
    static const std::regex iso(R"(^(\d{4})-(\d{2})-(\d{2})(?:[ T](.+))?$)");
    static const std::regex rel(R"(^(?:d\s*\+?\s*|day\s*)?(\d{1,5})(?:\s*[ ,;/]\s*(.+))?$)",
                                std::regex::icase);
    std::smatch m;
    std::string t;
    if (std::regex_match(text, m, iso)) {
        const core::Date d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
        if (!core::Date::valid(d.year, d.month, d.day)) return false;  // no 30 February
        day = d.to_days() - start.to_days();
        t = m[4];
    } else if (std::regex_match(text, m, rel)) {
        day = std::stoll(m[1]);
        t = m[2];
    } else {
        return false;
    }
    if (!t.empty()) {
        auto c = clock_of_day(trimmed(t));
        if (!c) return false;
        time = *c;
    }
    return day >= 0 && day <= 36500;
}

}  // namespace

std::vector<MelEvent> read_mel_csv(const std::string& path, const core::Date& start) {
    return parse_mel_csv(scenario::read_user_file(path, max_mel_bytes, "a master events list"),
                         path, start);
}

std::vector<MelEvent> parse_mel_csv(std::string_view text, const std::string& path,
                                    const core::Date& start) {
    if (text.size() > max_mel_bytes)
        throw ScenarioError(
            {{path, 0, 0, "",
              fmt::format("a master events list of more than {} MB", max_mel_bytes >> 20)}});
    std::vector<Diagnostic> errors;
    std::vector<MelEvent> out;
    std::vector<int> cols;  // column index -> Col, or -1
    auto it = text.begin();
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        it += 3;  // a spreadsheet's BOM
    int line = 1;
    while (it != text.end()) {
        const auto begin = it;
        std::vector<std::string> row;
        const int row_line = line;
        if (!x3::parse(it, text.end(), record >> (x3::eol | x3::eoi), row)) {
            const auto stop =
                std::find(begin, begin + std::min<std::ptrdiff_t>(60, text.end() - begin), '\n');
            errors.push_back({path, row_line, 1, "",
                              fmt::format("cannot read this row as CSV (an unclosed or stray "
                                          "quote?): {}",
                                          std::string(begin, stop))});
            break;
        }
        line += int(std::count(begin, it, '\n'));
        if (std::all_of(row.begin(), row.end(), [](const auto& f) { return trimmed(f).empty(); }))
            continue;
        if (cols.empty()) {  // the header
            bool have[Ncols] = {};
            for (const auto& h : row) {
                const int c = column_of(normalised(h));
                if (c >= 0 && have[c]) {
                    errors.push_back({path, row_line, 1, h, "this column is given twice"});
                }
                if (c >= 0) have[c] = true;
                cols.push_back(c);
            }
            if (!have[DayTime] && !have[Day])
                errors.push_back({path, row_line, 1, "day and time",
                                  "no column says when: expected one headed \"Day and time\", "
                                  "\"DTG\", \"Date/Time\" or \"Day\""});
            if (!have[Message])
                errors.push_back({path, row_line, 1, "message",
                                  "no column holds the message: expected one headed \"Message\""});
            if (!errors.empty()) break;
            continue;
        }
        std::string v[Ncols];
        for (std::size_t k = 0; k < row.size() && k < cols.size(); ++k)
            if (cols[k] >= 0) v[cols[k]] = trimmed(row[k]);
        if (row.size() > cols.size())
            errors.push_back({path, row_line, 1, "",
                              fmt::format("{} fields where the header has {} columns", row.size(),
                                          cols.size())});
        MelEvent e;
        e.source = fmt::format("{}:{}", path, row_line);
        e.serial = v[Serial].empty() ? std::to_string(out.size() + 1) : v[Serial];
        const std::string when = v[DayTime].empty() ? v[Day] : v[DayTime];
        if (!read_when(when, start, e.day, e.time))
            errors.push_back({path, row_line, 1, col_names[v[DayTime].empty() ? Day : DayTime],
                              fmt::format("cannot read \"{}\" as a day of the exercise: expected "
                                          "\"D+3 14:00\", \"Day 3\", \"3 1400\" or a date on or "
                                          "after {} such as \"{} 14:00\"",
                                          when, start.iso(), start.plus_days(3).iso())});
        if (!v[Time].empty()) {
            if (auto c = clock_of_day(v[Time]))
                e.time = *c;
            else
                errors.push_back({path, row_line, 1, "time",
                                  fmt::format("cannot read \"{}\" as a time: expected 14:00 or "
                                              "1400",
                                              v[Time])});
        }
        e.from = v[From], e.to = v[To], e.message = v[Message], e.expected_action = v[Expected];
        e.inject = v[Inject];
        if (e.message.empty())
            errors.push_back({path, row_line, 1, "message", "the message is empty"});
        out.push_back(std::move(e));
    }
    if (cols.empty() && errors.empty())
        errors.push_back({path, 1, 1, "", "the file is empty: expected a header row and serials"});
    if (!errors.empty()) throw ScenarioError(scenario::capped(std::move(errors)));
    return out;
}

std::string mel_csv(const std::vector<MelEvent>& events) {
    const auto q = output::csv_quote;
    std::string out = "serial,day,time,from,to,message,expected_action,inject\n";
    for (const auto& e : events)
        out += fmt::format("{},{},{},{},{},{},{},{}\n", q(e.serial), e.day, e.time, q(e.from),
                           q(e.to), q(e.message), q(e.expected_action), q(e.inject));
    return out;
}

}  // namespace peacesim::exercise
