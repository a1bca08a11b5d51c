#pragma once
// The builders the schema's table is written with (sim/scenario/schema.cpp): one per kind of
// key (integer, real, text, date, choice, flag) and per kind of section (table, nested table,
// array of tables). Each returns a Field or Section that reads, checks, writes and documents
// its key through a member pointer, so the table is the only place a key is declared.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/schema.hpp"

namespace peacesim::scenario::detail {

inline std::string show_real(double v) {
    std::string s = fmt::format("{}", v);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

// A TOML basic string: quoted, with backslashes, quotes and control characters escaped.
inline std::string toml_string(const std::string& v) {
    std::string s = "\"";
    for (char c : v) {
        if (c == '"' || c == '\\')
            s += '\\', s += c;
        else if (static_cast<unsigned char>(c) < 0x20)
            s += fmt::format("\\u{:04X}", int(c));
        else
            s += c;
    }
    return s + "\"";
}

template <class S>
Field integer(std::string_view key, std::int64_t S::*m, double lo, double hi,
              std::string_view doc) {
    return Field{
        key,
        Kind::Integer,
        lo,
        hi,
        {},
        doc,
        [m](void* o, const Value& v) { static_cast<S*>(o)->*m = std::get<std::int64_t>(v); },
        [m](const void* o) { return fmt::format("{}", static_cast<const S*>(o)->*m); }};
}
template <class S>
Field real(std::string_view key, double S::*m, double lo, double hi, std::string_view doc) {
    return Field{key,
                 Kind::Real,
                 lo,
                 hi,
                 {},
                 doc,
                 [m](void* o, const Value& v) { static_cast<S*>(o)->*m = std::get<double>(v); },
                 [m](const void* o) { return show_real(static_cast<const S*>(o)->*m); }};
}
template <class S>
Field text(std::string_view key, std::string S::*m, std::string_view doc) {
    return Field{
        key,
        Kind::String,
        0,
        0,
        {},
        doc,
        [m](void* o, const Value& v) { static_cast<S*>(o)->*m = std::get<std::string>(v); },
        [m](const void* o) { return toml_string(static_cast<const S*>(o)->*m); }};
}
template <class S>
Field date(std::string_view key, core::Date S::*m, std::string_view doc) {
    return Field{key,
                 Kind::Date,
                 0,
                 0,
                 {},
                 doc,
                 [m](void* o, const Value& v) { static_cast<S*>(o)->*m = std::get<core::Date>(v); },
                 [m](const void* o) { return (static_cast<const S*>(o)->*m).iso(); }};
}
template <class S, class E, std::size_t N>
Field choice(std::string_view key, E S::*m, const char* const (&names)[N], std::string_view doc) {
    std::vector<std::string_view> choices(std::begin(names), std::end(names));
    return Field{key,
                 Kind::Choice,
                 0,
                 double(N - 1),
                 choices,
                 doc,
                 [m](void* o, const Value& v) {
                     static_cast<S*>(o)->*m = static_cast<E>(std::get<std::int64_t>(v));
                 },
                 [m, choices](const void* o) {
                     return fmt::format("\"{}\"",
                                        choices[std::size_t(static_cast<const S*>(o)->*m)]);
                 }};
}

template <class S>
Field flag(std::string_view key, bool S::*m, std::string_view doc) {
    return Field{key,
                 Kind::Boolean,
                 0,
                 0,
                 {},
                 doc,
                 [m](void* o, const Value& v) { static_cast<S*>(o)->*m = std::get<bool>(v); },
                 [m](const void* o) {
                     return std::string(static_cast<const S*>(o)->*m ? "true" : "false");
                 }};
}

template <class S, class T>
Section nested_section(std::string_view name, T S::*inner, S Scenario::*outer, std::string_view doc,
                       std::vector<Field> fields) {
    Section s;
    s.name = name;
    s.doc = doc;
    s.fields = std::move(fields);
    s.table = [outer, inner](Scenario& sc) -> void* { return &((sc.*outer).*inner); };
    return s;
}

template <class S>
Section table_section(std::string_view name, S Scenario::*member, std::string_view doc,
                      std::vector<Field> fields) {
    Section s;
    s.name = name;
    s.doc = doc;
    s.fields = std::move(fields);
    s.table = [member](Scenario& sc) -> void* { return &(sc.*member); };
    return s;
}

template <class S>
Section array_section(std::string_view name, std::vector<S> Scenario::*member, std::size_t lo,
                      std::size_t hi, std::string_view doc, std::string_view item_word,
                      std::vector<Field> fields) {
    Section s;
    s.name = name;
    s.array = true;
    s.min_items = lo;
    s.max_items = hi;
    s.doc = doc;
    s.fields = std::move(fields);
    s.resize = [member](Scenario& sc, std::size_t n) { (sc.*member).assign(n, S{}); };
    s.item = [member](Scenario& sc, std::size_t i) -> void* { return &(sc.*member)[i]; };
    s.size = [member](const Scenario& sc) { return (sc.*member).size(); };
    s.default_item_name = [w = std::string(item_word)](std::size_t i) {
        return fmt::format("{} {}", w, i + 1);
    };
    return s;
}

}  // namespace peacesim::scenario::detail
