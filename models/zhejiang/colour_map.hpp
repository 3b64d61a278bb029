#pragma once
// The five-colour county risk map (seed 001: from 9 Feb 2020 every county-level unit was scored
// daily and coloured red, orange, yellow, blue or green; measures differed by colour). Pure
// functions: indicators -> score -> colour, so the thresholds can be tested at their boundaries.
#include <array>
#include <cstdint>

namespace govsim::zhejiang {

enum Colour : uint8_t { kRed = 0, kOrange = 1, kYellow = 2, kBlue = 3, kGreen = 4, kNumColours = 5 };
inline constexpr std::array<const char*, kNumColours> kColourNames = {"red", "orange", "yellow", "blue", "green"};

// A county's published indicators on one day, as full-scale counts (simulated counts / scale).
struct Indicators {
  double cumulative = 0;        // cumulative confirmed cases
  double local_share = 0;       // share of those cases not linked to Hubei (local transmission)
  double clusters = 0;          // clustered outbreaks (households or workplaces with >= 2 cases)
  double days_without_new = 0;  // days since the last new case (0 on a day with one)
  double new_week = 0;          // new cases over the past 7 days (used from 12 Feb)
};

// The score follows the published indicator list (targets.md B: He et al. 2021, Sci Rep 11:11317):
//   score = w_cum ln(1 + cumulative) + w_local local_share + w_cluster ln(1 + clusters)
//         + w_new ln(1 + new_week)                     [dynamic assessment, from 12 Feb]
//         - w_quiet3 [days_without_new >= 3] - w_quiet7 [days_without_new >= 7]
// Every count enters as ln(1 + full-scale count), so one doubling adds the same and the score
// does not grow with 1 / population.scale. The two quiet-day terms are the published "3 and 7
// consecutive days without a new case". A county with no case at all scores 0. From the dynamic
// assessment of 12 Feb on (`dynamic`), so does a county clear for clear_days: the 37 counties the
// province downgraded that day, 36 of them blue to green, had all been 6 days or more without a case
// (provincial press conference, 13 Feb 2020); 0 turns this off. Colours: such a case-free county is
// green, and only it: the published first map's green counties were those that had never had a case
// (targets.md B), so before 12 Feb a county with a case is at least blue however quiet it is. Otherwise the thresholds are lower bounds: score >= red -> red,
// >= orange -> orange, >= yellow -> yellow, else blue.
struct ScoreRule {
  double w_cum = 0, w_local = 0, w_cluster = 0, w_new = 0, w_quiet3 = 0, w_quiet7 = 0, clear_days = 0;
  double t_red = 0, t_orange = 0, t_yellow = 0;
};

// `dynamic`: the assessment from 12 Feb (new cases over the week scored; clearing after clear_days).
double risk_score(const Indicators& x, const ScoreRule& r, bool dynamic);
// No case at all, or (dynamic assessment only) clear for clear_days: green whatever else it scores.
bool case_free(const Indicators& x, const ScoreRule& r, bool dynamic);
Colour colour_of(double score, bool is_case_free, const ScoreRule& r);
// The colour a county gets at an assessment: the scored colour, except that it falls at most
// `max_downgrade` levels below the current one (0: no limit). Every downgrade the province listed
// on 12, 18 and 27 Feb 2020 was one level (docs/zhejiang_model.md, "Five-colour map"); a rise is
// never limited.
Colour assessed_colour(Colour current, Colour scored, int max_downgrade);

}  // namespace govsim::zhejiang
