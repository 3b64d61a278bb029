// Parameters of the targeted crisis services (issue 15, point 4) and of the councils' monthly
// rounds (point 5). Sources: seed 000 (/work/shared/seeds/000_2b00fc10e26c3ab2.txt, the passage on
// the "epidemic online" services and the one on the councils); the rest are stated assumptions,
// none set to reach the published crisis volumes (held out: paper_repro/targets/jiaxing.toml).
#include "models/jiaxing/param_blocks.hpp"

namespace govsim::jiaxing {

void add_targeted_parameters(ParamTable<JiaxingParams>& table) {
  using P = JiaxingParams;
  table.real(
      "jiaxing.targeted.share_without_masks",
      [](P& p) -> double& { return p.targeted.share_without_masks; }, 0.05, 0, 1, "fraction",
      "Share of households without masks when the crisis starts: the only residents who seek masks "
      "from mask aid or neighbours' mutual aid (drawn per household).",
      "assumption: masks sold out across China in late January 2020, but most households kept a "
      "few; "
      "one in twenty with none is illustrative (seed 000 gives no share)");
  table.real(
      "jiaxing.targeted.share_quarantined",
      [](P& p) -> double& { return p.targeted.share_quarantined; }, 0.02, 0, 1, "fraction",
      "Share of households under home quarantine or observation in the lockdown (returnees, close "
      "contacts): the only residents who seek the volunteer experts' counselling (drawn per "
      "household).",
      "assumption: seed 000 ties the counselling to residents 'anxious and depressed' in isolation "
      "and "
      "names returnee registration; one household in fifty is illustrative");
  table
      .real(
          "jiaxing.targeted.awareness_rate",
          [](P& p) -> double& { return p.targeted.awareness_rate; }, 0.01, 0, 1, "1/day",
          "Daily hazard that an eligible registered user hears of a live niche service (mask aid, "
          "mutual aid "
          "for masks, counselling).",
          "assumption: a niche service among 11 crisis services is found by about a third of those "
          "it "
          "concerns over the 40-day lockdown")
      .changeable();
  table
      .real(
          "jiaxing.targeted.mask_seek_rate",
          [](P& p) -> double& { return p.targeted.mask_seek_rate; }, 0.3, 0, 1, "1/day",
          "Daily probability that an aware user without masks asks for them (first from "
          "neighbours' "
          "mutual-aid offers, then from mask aid), until they obtain masks.",
          "assumption: an acute need, pursued every few days")
      .changeable();
  table
      .real(
          "jiaxing.targeted.counselling_seek_rate",
          [](P& p) -> double& { return p.targeted.counselling_seek_rate; }, 0.05, 0, 1, "1/day",
          "Daily probability that an aware quarantined user asks for a counselling session.",
          "assumption: a quarantined resident in distress asks for help about once in three weeks")
      .changeable();
  table.real(
      "jiaxing.targeted.experts_per_100k",
      [](P& p) -> double& { return p.targeted.experts_per_100k; }, 5.6, 0, 1e5,
      "experts per 100,000 adults",
      "Volunteer experts giving counselling sessions (each community gets its share of them).",
      "seed 000: 252名專家通過微嘉園的'心理咨詢'項目提供在線免費服務 (252 experts), for Jiaxing's "
      "4.5 "
      "million adults: 252 / 45 = 5.6 per 100,000");
  table.real(
      "jiaxing.targeted.sessions_per_expert",
      [](P& p) -> double& { return p.targeted.sessions_per_expert; }, 2, 0, 100,
      "sessions/expert/day",
      "Counselling sessions one volunteer expert gives per day; unused sessions are lost.",
      "assumption: volunteers beside their own work, a couple of online sessions a day");
}

void add_council_parameters(ParamTable<JiaxingParams>& table) {
  using P = JiaxingParams;
  table
      .integer(
          "jiaxing.councils.round_days", [](P& p) -> int& { return p.councils.round_days; }, 7, 1,
          28, "days",
          "Days each council's monthly agenda is open for residents' votes and comments, ending on "
          "the "
          "day the council deliberates with residents' representatives; a resident takes part at "
          "most once "
          "a month.",
          "seed 000: 收集所有的問題並每個月與居民代表進行商討 (the councils collect all issues and "
          "deliberate with residents' representatives every month); the one-week window is an "
          "assumption")
      .changeable();
}

}  // namespace govsim::jiaxing
