#include "models/zhejiang/params.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/param_table.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::zhejiang {
namespace {

using P = ZhejiangParams;
constexpr const char* kSeed300k =
    "seed 001: '通过大数据分析出全省涉湖北旅居经历的人员信息超过30万人' (more than 300,000 residents with travel "
    "history to Hubei found by data analysis)";
constexpr const char* kSeedMap =
    "seed 001: '以县域为单元,采用五色\"疫情图\"...通过各类指标综合考量计算风险程度,把全省90个县市区疫情风险等级评为5级' "
    "(each county scored daily on several indicators into 5 levels)";
constexpr const char* kScore =
    "assumption: the indicators are published (targets.md B: cumulative confirmed, local share, clusters, 3 and 7 "
    "consecutive days without a new case, from 12 Feb new cases in the past week; He et al. 2021, Sci Rep "
    "11:11317) but not their weights; every indicator gets weight 1 (counts as ln(1 + count)), none favoured";
constexpr const char* kThreshold =
    "assumption: the formula is not published; thresholds of this order separate a county with one imported case "
    "from one with dozens of local cases (zhejiang.map.red is a free parameter of "
    "paper_repro/calibrations/zhejiang.toml)";
constexpr const char* kMeasure =
    "assumption: the seed says measures differed by colour ('分区、分级制定差异化防控策略') without "
    "magnitudes; stricter colours keep fewer contacts outside the household";
constexpr const char* kPermit =
    "assumption: the seed links the resumption index to the map ('二者与疫情\"五色图\"相衔接'); red closes, "
    "green and blue allow every firm, orange and yellow allow key firms first (taken as the county's largest "
    "firms, which hold the permitted share of its jobs: docs/zhejiang_model.md, 'Enterprise resumption')";
constexpr const char* kFirmSize =
    "assumption: mean workers per workplace by sector, the order of Zhejiang's 2018 economic census "
    "(many small firms); only sets how many workplaces a county has";
constexpr const char* kEpi = "assumption: within published ranges for SARS-CoV-2 in early 2020";
constexpr const char* kFit = "assumption: a free parameter of paper_repro/calibrations/zhejiang.toml (prior there)";

const ParamTable<P>& parameters() {
  static const ParamTable<P> table = [] {
    ParamTable<P> t;
    // population
    t.integer("zhejiang.community_size", &P::community_size, 1000, 50, 100000, "persons",
              "Residents per community (neighbourhood or village grid) inside a county.",
              "assumption: the order of a Zhejiang urban community or village (1,000-3,000 residents)");
    t.integer("zhejiang.population_seed", &P::population_seed, 0, 0, 2147483647, "seed",
              "Seed of the synthetic population's draws (households, workplaces, Hubei links, workers away, firm "
              "ranks). 0: the run's seed, so every run draws its own population. Otherwise every run of the scenario "
              "shares one population, and a batch (a sweep's or calibration's workers) builds it once and copies "
              "it for its later runs (a single run keeps no copy); runs then differ only in their parameters and in the epidemic's and firms' "
              "draws, which still come from the run's seed.",
              "assumption: a method choice, not a fact about Zhejiang. At full scale a county has 10^5 to 2x10^6 "
              "residents, so two draws of its population differ far less than two epidemics do "
              "(docs/zhejiang_model.md, 'One population for every run')");
    t.real("zhejiang.hubei.linked", &P::hubei_linked, 300000, 0, 5e6, "persons",
           "Residents with travel history to Hubei at the outbreak (full-scale count; scaled by population.scale).",
           kSeed300k);
    t.text("zhejiang.hubei.linked_by_city", &P::hubei_linked_by_city, "", {},
           "CSV of the Hubei-linked residents of the prefecture cities that published a count "
           "(city_code,hubei_linked,as_of,source), relative to the scenario file. A listed city's count is spread "
           "over its counties by census residents, the rest of zhejiang.hubei.linked over the other cities' counties "
           "by residents. Empty: the whole province total by residents.",
           "data: scenarios/data/zhejiang/hubei_linked.csv (Wenzhou 33,000 by 29 Jan and Taizhou more than 27,000 by "
           "1 Feb 2020, from the cities' vice-mayors at press conferences; sources per row). assumption: the cities "
           "without a published count share the rest by residents");
    t.real("zhejiang.hubei.wenzhou_prevalence_factor", &P::wenzhou_prevalence_factor, 4.0, 1, 50, "ratio",
           "Share infected among Wenzhou's Hubei-linked residents relative to the rest of the province's (capped so "
           "the share stays <= 1).",
           "assumption (free in the calibrations, prior there): Wenzhou's 33,000 returnees were about 11 % of the "
           "province's Hubei-linked residents, yet Wenzhou had 43 % of its cases by 1 Mar 2020; its Wuhan community "
           "traded in Hankou's wholesale markets (press reports of Feb 2020), and the city's officials tied the "
           "epidemic curve to the returnees (Tang Xiaoshu, 29 Jan 2020). Before session 28 this factor multiplied "
           "the number of Wenzhou's Hubei-linked residents instead (zhejiang.hubei.wenzhou_link_factor)");
    t.real("zhejiang.hubei.infected_share", &P::hubei_infected, 0.002, 0, 0.2, "fraction",
           "Share of Hubei-linked residents infected when they arrive.", kFit);
    t.real("zhejiang.hubei.before_closure", &P::hubei_before_closure, 0.85, 0, 1, "fraction",
           "Share of Hubei-linked residents who arrive before Wuhan's closure (the rest in the week after).",
           "assumption: most travel was before the closure of 23 Jan 2020; the rest left before and arrived later");
    t.date("zhejiang.hubei.arrivals_from", &P::hubei_arrivals_from, Date::from_ymd(2020, 1, 10),
           "First day Hubei-linked residents arrive.", "assumption: the Spring Festival travel season began about 10 Jan 2020");
    t.date("zhejiang.hubei.closure", &P::hubei_closure, Date::from_ymd(2020, 1, 23), "Wuhan's closure (outbound travel stopped).",
           "issue 13 / public record: Wuhan closed its outbound routes on 23 Jan 2020");
    t.date("zhejiang.hubei.arrivals_until", &P::hubei_arrivals_until, Date::from_ymd(2020, 1, 30),
           "Last day a Hubei-linked resident arrives.", "assumption: a week after the closure");
    t.real("zhejiang.migrants.away_share", &P::migrants_away, 0.2, 0, 1, "fraction",
           "Share of employed census residents away for the Spring Festival at the start of the run.",
           "data README: the census (64.6 M) counts more migrant workers than the 2019 estimate (58.5 M), and many "
           "were away in Jan-Feb 2020; the share is an assumption of that order");
    t.date("zhejiang.migrants.return_from", &P::migrants_return_from, Date::from_ymd(2020, 2, 10),
           "First day away workers return.", "assumption: returns followed the end of the extended holiday (9 Feb)");
    t.date("zhejiang.migrants.return_until", &P::migrants_return_until, Date::from_ymd(2020, 3, 15),
           "Last day an away worker returns.", "data README: migrant workers 'returned over February-March'");
    t.real("zhejiang.migrants.infected_share", &P::migrant_infected, 1e-5, 0, 0.01, "fraction",
           "Share of returning workers infected on arrival when zhejiang.migrants.origin_cases is empty (constant "
           "in time).",
           "assumption: low prevalence outside Hubei in Feb 2020; the shipped scenarios use origin_cases instead");
    t.text("zhejiang.migrants.origin_cases", &P::origin_cases, "", {},
           "CSV of cumulative confirmed cases in the rest of mainland China (outside Hubei and Zhejiang) by day, "
           "with its population (date,cumulative_confirmed,population), relative to the scenario file. A returning "
           "worker is infected on arrival with probability infections_per_case x the cases reported per resident "
           "there over the origin_window days before. Empty: the constant infected_share.",
           "data: scenarios/data/zhejiang/origin_cases.csv (analysis/make_origin_cases.py from the national daily "
           "reports and the 2020 census)");
    t.real("zhejiang.migrants.infections_per_case", &P::infections_per_case, 3, 0, 100, "ratio",
           "Infections in the origin per reported case (reported cases understate infections).",
           "assumption: Li et al. 2020, Science 368:489, estimate 86 % of infections undocumented before 23 Jan "
           "2020 (about 7 per case); testing outside Hubei widened after, so fewer; prior log-uniform(1, 10) in "
           "paper_repro/calibrations/zhejiang_full_scale.toml")
        .changeable();
    t.integer("zhejiang.migrants.origin_window", &P::origin_window, 14, 1, 60, "days",
              "Days of reported cases in the origin counted as current infections on an arrival day.",
              "assumption: about the infectious period plus the delay to a report (He et al. 2020, Nat Med 26:672; "
              "the 14-day quarantine rule of 2020)");
    t.real("zhejiang.migrants.risk_share", &P::migrant_risk_share, 0.3, 0, 1, "fraction",
           "Share of returning workers arriving from risk areas (quarantined 14 days on arrival).",
           "assumption: a third of Zhejiang's migrant workers came from the provinces then classed as risk areas");
    for (int s = 0; s < kNumSectors; ++s) {
      static const double sizes[kNumSectors] = {5, 30, 40, 6, 12, 15};
      std::string key = "zhejiang.firms.size_";
      key += kSectorNames[s];
      t.real(key, [s](P& p) -> double& { return p.firm_size[s]; }, sizes[s], 1, 10000, "workers",
             "Mean workers per workplace in this sector.", kFirmSize);
    }
    t.text("zhejiang.firms.size_distribution", &P::firm_size_distribution, "zipf", {"zipf", "even"},
           "How a sector's workers are spread over its firms: 'zipf' (the k-th largest firm of a county's sector "
           "employs a share proportional to 1/k, so a few firms employ most workers) or 'even' (every firm alike, "
           "the first increments' rule).",
           "Axtell 2001, Science 293:1818: firm sizes follow Zipf's law (rank-size exponent about 1) across the "
           "economy; 'even' is kept for the sensitivity statement in docs/zhejiang_model.md");
    t.real("zhejiang.firms.designated_size", &P::designated_size, 20, 1, 100000, "workers",
           "Workers from which an industrial firm counts as 'above designated size' (规模以上), the population "
           "of the published industrial resumption rate.",
           "assumption: the statistical threshold is an annual revenue of 20 M yuan (National Bureau of Statistics, "
           "since 2011); at about 1 M yuan of revenue per industrial worker in Zhejiang (order of the provincial "
           "yearbook's revenue over employment of such firms) that is about 20 workers; docs/zhejiang_model.md "
           "gives the sensitivity to 10 and 50");
    // epidemic
    t.real("zhejiang.epidemic.beta_household", &P::beta_household, 0.12, 0, 1, "1/day",
           "Daily infection hazard from one infectious household member.",
           "assumption: household secondary attack rate about 15 % over an infectious period (Li et al. 2020, CID)")
        .changeable();
    t.real("zhejiang.epidemic.beta_work", &P::beta_work, 0.4, 0, 10, "1/day",
           "Daily hazard from a workplace whose workers are all infectious (scaled by the infectious share).", kFit)
        .changeable();
    t.real("zhejiang.epidemic.beta_community", &P::beta_community, 0.3, 0, 10, "1/day",
           "Daily hazard from a community whose residents are all infectious (scaled by the infectious share).", kFit)
        .changeable();
    t.real("zhejiang.epidemic.beta_travel", &P::beta_travel, 0.1, 0, 10, "1/day",
           "Daily hazard from bordering counties' infectious share (travel between counties).",
           "assumption: a small fraction of contacts crosses county lines")
        .changeable();
    t.real("zhejiang.epidemic.latent_days", &P::latent_days, 3.0, 1, 30, "days", "Mean days from infection to infectiousness.",
           "assumption: incubation 5.2 days (Li et al. 2020, NEJM) minus about 2 presymptomatic days (He et al. 2020, Nat Med)");
    t.real("zhejiang.epidemic.presymptomatic_days", &P::presymptomatic_days, 2.0, 0.5, 10, "days",
           "Mean infectious days before symptoms.", "He et al. 2020, Nat Med 26:672: infectiousness peaks at or before onset");
    t.real("zhejiang.epidemic.symptomatic_days", &P::symptomatic_days, 7.0, 1, 30, "days",
           "Mean days infectious after symptom onset (if never detected).", kEpi);
    t.real("zhejiang.epidemic.asymptomatic_share", &P::asymptomatic_share, 0.3, 0, 1, "fraction",
           "Share of infections that never show symptoms.", "Buitrago-Garcia et al. 2020, PLoS Med: about 20-30 %");
    t.real("zhejiang.epidemic.asymptomatic_infectiousness", &P::asymptomatic_infectiousness, 0.5, 0, 1, "ratio",
           "Infectiousness of asymptomatic relative to symptomatic cases.", kEpi);
    t.real("zhejiang.epidemic.quarantine_effect", &P::quarantine_effect, 0.9, 0, 1, "fraction",
           "Reduction of a quarantined resident's contacts outside the household.",
           "assumption: home or central quarantine under community watch in 2020");
    t.real("zhejiang.detection.symptomatic", &P::detect_symptomatic, 0.15, 0, 1, "1/day",
           "Daily probability that a symptomatic case seeks care and is confirmed (without public participation).", kEpi)
        .changeable();
    t.real("zhejiang.detection.quarantined", &P::detect_quarantined, 0.5, 0, 1, "1/day",
           "Daily probability that an infectious resident in quarantine is tested positive.",
           "assumption: quarantined contacts were tested (nucleic-acid tests) within days")
        .changeable();
    t.real("zhejiang.tracing.household", &P::trace_household, 0.6, 0, 1, "fraction",
           "Share of a confirmed case's household quarantined the next day (before data matching).",
           "assumption: close-contact tracing found most household members")
        .changeable();
    t.real("zhejiang.tracing.work", &P::trace_work, 0.1, 0, 1, "fraction",
           "Share of a confirmed case's co-workers quarantined the next day (before data matching).",
           "assumption: workplace contacts are harder to list than household members")
        .changeable();
    t.real("zhejiang.tracing.work_contacts", &P::trace_work_contacts, 30, 1, 100000, "workers",
           "Co-workers a confirmed case was in contact with: in a firm of n workers each co-worker is quarantined "
           "with the tracing share times min(1, this / (n - 1)), so a case in a large firm sends a workshop, not "
           "the whole firm, into quarantine.",
           "assumption: a workshop or office of the order of an industrial firm's mean size (zhejiang.firms."
           "size_industry); with even firm sizes it never binds")
        .changeable();
    t.text("zhejiang.epidemic.scheme", &P::epidemic_scheme, "dense", {"dense", "sparse"},
           "How the epidemic's day is computed: 'dense' visits every resident every day (the reference, bit-identical "
           "to earlier runs); 'sparse' visits only the residents something can happen to (infectious residents' "
           "households, firms and communities, a county travel channel by geometric skipping, the infected, arrivals, "
           "quarantine ends, traced contacts and unfound Hubei-linked residents), so a day costs in proportion to the "
           "epidemic, not to the population. The same model in distribution (other random draws, so not the same "
           "bits); docs/zhejiang_model.md, 'Sparse scheme'.",
           "assumption: a computational choice, not a model assumption: infection channels with independent Poisson "
           "hazards, 1 - exp(-sum) = P(infected by at least one), so drawing them separately gives the dense "
           "scheme's probabilities; 'dense' stays the default so committed references stay bit-identical");
    t.integer("zhejiang.quarantine_days", &P::quarantine_days, 14, 1, 60, "days", "Length of a quarantine.",
              "issue 13 / national rule in 2020: 14-day quarantine for close contacts and arrivals from risk areas");
    // response and mechanisms
    t.flag("zhejiang.response.level1", &P::level1, false,
           "The level-1 public health emergency response is in force (dated [[events]]).",
           "seed 001: Zhejiang was the first province to start the level-1 response (23 Jan 2020)")
        .changeable();
    t.real("zhejiang.response.contact_scale", &P::level1_contact_scale, 0.35, 0, 1, "fraction",
           "Contacts outside the household kept under the level-1 response before the map.", kMeasure)
        .changeable();
    t.text("zhejiang.response.closed_management", &P::closed_management, "", {},
           "CSV of the prefecture cities that put villages and residential compounds under closed management (one "
           "person per household out every two days) and from which day (city_code,start,source), relative to the "
           "scenario file. Before the first map a county of such a city keeps the contacts outside the household of "
           "a red county (zhejiang.measures.contact_scale_red) instead of zhejiang.response.contact_scale; from the "
           "map on its colour decides. Empty: no city.",
           "data: scenarios/data/zhejiang/closed_management.csv (start dates from press reports of 2-10 Feb 2020, "
           "sources per row); seed 004: Hangzhou replaced closed management with the health code on 12 Feb. "
           "assumption: closed management is the model's strictest measure, the one a red county gets");
    auto mechanism = [&t](const char* name, Mechanism P::*m, const char* doc, const char* src) {
      std::string on = "zhejiang.";
      on += name;
      std::string strength = on;
      on += ".on";
      strength += ".strength";
      std::string on_doc = "Switch of the mechanism: ";
      on_doc += doc;
      t.flag(on, [m](P& p) -> bool& { return (p.*m).on; }, true, on_doc, src).changeable();
      t.real(strength, [m](P& p) -> double& { return (p.*m).strength; }, 1.0, 0, 1, "fraction",
             "Strength of the mechanism (0 none, 1 as in Zhejiang).", src)
          .changeable();
    };
    mechanism("data_matching", &P::matching,
              "data shared across departments finds Hubei-linked residents and contacts.",
              "seed 001: '共享、比对卫健、公安等各部门数据充分了解每天疫情重点区域到浙人员信息'");
    mechanism("participation", &P::participation, "self-reporting, community reporting and health-code declarations.",
              "seed 001: technology empowers the public (participation and oversight)");
    mechanism("platform", &P::platform, "online resumption approval by rule and supply matching between firms and public.",
              "seed 001: platform co-creation by government, firms and the public");
    t.real("zhejiang.data_matching.find_rate", &P::matching_find_rate, 0.25, 0, 1, "1/day",
           "Daily probability that data matching finds (and quarantines) a present Hubei-linked resident at full strength.",
           kFit)
        .changeable();
    t.real("zhejiang.data_matching.trace_gain", &P::matching_trace_gain, 0.3, 0, 1, "fraction",
           "Extra share of a case's household and co-workers quarantined at full data-matching strength.",
           "assumption: matched phone, transport and health records complete contact lists")
        .changeable();
    t.real("zhejiang.data_matching.arrival_share", &P::arrival_match_share, 0.5, 0, 1, "fraction",
           "Share of returning workers from risk areas identified for quarantine by matched travel data (transport, "
           "telecom, police records) at full data-matching strength. With participation.declare_share it adds up to "
           "the identified share: min(1, matching x this + participation x declare_share).",
           "seed 001: '共享、比对卫健、公安等各部门数据充分了解每天疫情重点区域到浙人员信息' (shared and matched health, police and "
           "other departments' data to know every day who arrived from key epidemic areas); the split 0.5/0.5 is an "
           "assumption, chosen so that both at full strength identify every arrival, as the first increments did")
        .changeable();
    t.real("zhejiang.participation.declare_share", &P::declare_share, 0.5, 0, 1, "fraction",
           "Share of returning workers from risk areas identified for quarantine by their own declaration (health-"
           "code and community registration) at full participation.",
           "seed 001: technology empowers the public (declarations); the value is an assumption (see "
           "zhejiang.data_matching.arrival_share)")
        .changeable();
    t.real("zhejiang.participation.detect_gain", &P::participation_detect_gain, 0.15, 0, 1, "1/day",
           "Extra daily probability that a symptomatic case is reported (self or community) at full participation.",
           "assumption: health-code declarations and grid reporting roughly double early detection")
        .changeable();
    t.real("zhejiang.participation.report_rate", &P::participation_report_rate, 0.05, 0, 1, "1/day",
           "Daily probability that the community reports a present, unfound Hubei-linked resident at full participation.",
           "assumption: neighbours and grid workers reported arrivals from Hubei")
        .changeable();
    t.real("zhejiang.platform.approval_base", &P::approval_base, 0.05, 0, 1, "1/day",
           "Daily probability that a firm's resumption application is approved on paper (no platform).",
           "assumption: offline approval took weeks in early Feb 2020")
        .changeable();
    t.real("zhejiang.platform.approval_online", &P::approval_platform, 0.3, 0, 1, "1/day",
           "Extra daily approval probability with online application and rule-based approval at full strength.", kFit)
        .changeable();
    t.real("zhejiang.platform.supply_matching", &P::supply_matching, 0.5, 0, 1, "fraction",
           "Share of a firm's supply shortfall closed by platform matching at full strength.",
           "assumption: matching finds alternative suppliers for about half of what is missing")
        .changeable();
    // map
    t.flag("zhejiang.map.active", &P::map_active, false, "The five-colour map is published (dated [[events]]).", kSeedMap)
        .changeable();
    t.flag("zhejiang.map.use_new_cases", &P::map_new_cases, false,
           "The dynamic assessment (dated [[events]]): the score includes new cases over the past week, and a "
           "county clear for zhejiang.map.clear_days counts as one without cases (green).",
           "issue 13: the new-case indicator was added from 12 Feb 2020; provincial press conference of 13 Feb 2020 "
           "(ThePaper, 13 Feb 2020): on 12 Feb the province re-assessed every county on its new cases of the past "
           "week and its clustered outbreaks, and turned 36 blue counties green")
        .changeable();
    t.text("zhejiang.map.mode", &P::map_mode, "by_colour", {"by_colour", "strictest", "uniform"},
           "Measures by colour (as happened), the strictest (red) everywhere until the province has no active "
           "case, or one uniform moderate (yellow) level without a map (counterfactuals).",
           "issue 13: counterfactuals (a)-(c)")
        .changeable();
    auto score = [&t](const char* key, double ScoreRule::*f, double def, double hi, const char* doc, const char* src) {
      std::string k = "zhejiang.map.";
      k += key;
      t.real(k, [f](P& p) -> double& { return p.score.*f; }, def, 0, hi, "points", doc, src).changeable();
    };
    score("w_cumulative", &ScoreRule::w_cum, 1.0, 100, "Score weight of ln(1 + cumulative confirmed).", kScore);
    score("w_local", &ScoreRule::w_local, 1.0, 100, "Score weight of the share of local cases.", kScore);
    score("w_cluster", &ScoreRule::w_cluster, 1.0, 100, "Score weight of ln(1 + clustered outbreaks).", kScore);
    score("w_new", &ScoreRule::w_new, 1.0, 100, "Score weight of ln(1 + new cases in the past 7 days) (from 12 Feb).", kScore);
    score("w_quiet3", &ScoreRule::w_quiet3, 1.0, 100, "Score reduction after 3 consecutive days without a new case.",
          kScore);
    score("w_quiet7", &ScoreRule::w_quiet7, 1.0, 100,
          "Further score reduction after 7 consecutive days without a new case.", kScore);
    t.real("zhejiang.map.clear_days", [](P& p) -> double& { return p.score.clear_days; }, 6, 0, 365, "days",
          "Consecutive days without a new case after which a county scores as one that never had a case, from the "
          "dynamic assessment of 12 Feb on (0: never).",
          "provincial press conference of 13 Feb 2020 (ThePaper, 13 Feb 2020): of the 37 counties downgraded on 12 Feb, "
          "17 had been 6-10 days without a case, 13 11-14 days and 7 15 days or more, so 6 days was the shortest "
          "quiet spell that turned a county green. Before session 28 the assumption was one 14-day quarantine "
          "period (docs/zhejiang_model.md gives the sensitivity to 7, 14 and 21 days)")
        .changeable();
    t.integer("zhejiang.map.assessment_days", &P::assessment_days, 3, 1, 30, "days",
           "The colours are re-assessed every this many days from the first map (the score is computed daily); "
           "between assessments a county keeps its colour and its measures (1: daily).",
           "provincial press conferences of 10, 13 and 19 Feb and 28 Feb 2020: the published maps are as of 24:00 "
           "on 9, 12, 15, 18, 24 and 27 Feb, every third day (the 19 Feb conference compares 18 Feb with 15 Feb, "
           "the 28 Feb one 27 Feb with 24 Feb)")
        .changeable();
    t.integer("zhejiang.map.max_downgrade", &P::max_downgrade, 1, 0, 4, "levels",
           "Colour levels a county may fall at one assessment (0: any number, straight to the score's colour); "
           "rises are not limited.",
           "provincial press conferences of 13, 19 and 28 Feb 2020: every downgrade they list was one level (12 Feb: "
           "Pingyang orange to yellow and 36 blue to green; 18 Feb: 1 red to orange, 4 orange to yellow, 6 yellow to "
           "blue, 8 blue to green; 27 Feb: 2 yellow to blue, 6 blue to green)")
        .changeable();
    score("red", &ScoreRule::t_red, 7.0, 1000, "Lowest score coloured red.", kThreshold);
    score("orange", &ScoreRule::t_orange, 4.5, 1000, "Lowest score coloured orange.", kThreshold);
    score("yellow", &ScoreRule::t_yellow, 3.0, 1000,
          "Lowest score coloured yellow. Below it a county is blue; green only if it has no case or is clear "
          "(zhejiang.map.clear_days), as the first map's green counties had never had a case (targets.md B).",
          kThreshold);
    for (int c = 0; c < kNumColours; ++c) {
      static const double scale[kNumColours] = {0.1, 0.2, 0.35, 0.5, 0.7};
      static const double permit[kNumColours] = {0.0, 0.3, 0.6, 1.0, 1.0};
      std::string k = "zhejiang.measures.contact_scale_";
      k += kColourNames[c];
      t.real(k, [c](P& p) -> double& { return p.contact_scale[c]; }, scale[c], 0, 1, "fraction",
             "Contacts outside the household kept in a county of this colour.", kMeasure)
          .changeable();
      std::string q = "zhejiang.measures.permission_";
      q += kColourNames[c];
      t.real(q, [c](P& p) -> double& { return p.permission[c]; }, permit[c], 0, 1, "fraction",
             "Share of the county's jobs permitted to resume in a county of this colour (its largest firms first).", kPermit)
          .changeable();
    }
    // firms
    t.flag("zhejiang.firms.holiday", &P::holiday, false, "Firms are closed for the (extended) Spring Festival holiday.",
           "assumption: the holiday from 24 Jan 2020, extended in Zhejiang to 9 Feb (dated [[events]])")
        .changeable();
    t.flag("zhejiang.firms.resumption_allowed", &P::resumption_allowed, false,
           "Firms may apply to resume (dated [[events]]).",
           "assumption: resumption from 10 Feb 2020, after the extended holiday and the first map (9 Feb)")
        .changeable();
    t.real("zhejiang.firms.essential_share", &P::essential_share, 0.1, 0, 1, "fraction",
           "Share of firms that keep operating through the holiday (utilities, food, medical supplies).",
           "assumption: essential production continued during the extended holiday")
        .changeable();
    t.real("zhejiang.firms.min_workers_present", &P::min_workers_present, 0.5, 0, 1, "fraction",
           "Share of its workers a firm needs present (not away, quarantined or isolated) to operate.",
           "assumption: a firm runs with half its staff")
        .changeable();
    t.real("zhejiang.firms.min_supply", &P::min_supply, 0.5, 0, 1, "fraction",
           "Share of its suppliers a firm needs open (after matching) to operate.",
           "assumption: a firm runs on half its inputs")
        .changeable();
    t.real("zhejiang.supply.own_county", &P::supply_own, 0.5, 0, 1, "fraction",
           "Share of a firm's supply bought in its own county (the rest from bordering counties and the province).",
           "assumption: Zhejiang's county economies (块状经济) buy much of their inputs locally");
    t.real("zhejiang.supply.neighbours", &P::supply_neighbours, 0.3, 0, 1, "fraction",
           "Share of a firm's supply bought in bordering counties (own + neighbours <= 1; the rest province-wide).",
           "assumption: see zhejiang.supply.own_county");
    return t;
  }();
  return table;
}

}  // namespace

void declare_zhejiang_parameters(ParamRegistry& reg) { parameters().declare(reg); }

ZhejiangParams load_zhejiang_parameters(const ParamSet& p) { return parameters().load(p); }

void check_zhejiang_parameters(const ParamSet& p) {
  auto fail = [&p](const char* key, const char* what) { throw InputError(p.at(key).loc, key, what); };
  if (p.has("regions.table") && !p.get_string("regions.table").empty() && load_region_table(p)->size() > 255)
    fail("regions.table", "the zhejiang model stores a county index in one byte: at most 255 counties");
  if (p.get_double("zhejiang.supply.own_county") + p.get_double("zhejiang.supply.neighbours") > 1.0)
    fail("zhejiang.supply.neighbours", "own_county + neighbours must not exceed 1");
  const double t[3] = {p.get_double("zhejiang.map.red"), p.get_double("zhejiang.map.orange"),
                       p.get_double("zhejiang.map.yellow")};
  if (!(t[0] >= t[1] && t[1] >= t[2]))
    fail("zhejiang.map.orange", "colour thresholds must satisfy red >= orange >= yellow");
  if (p.get_date("zhejiang.hubei.arrivals_until") < p.get_date("zhejiang.hubei.closure") ||
      p.get_date("zhejiang.hubei.closure") < p.get_date("zhejiang.hubei.arrivals_from"))
    fail("zhejiang.hubei.closure", "needs arrivals_from <= closure <= arrivals_until");
  if (p.get_date("zhejiang.migrants.return_until") < p.get_date("zhejiang.migrants.return_from"))
    fail("zhejiang.migrants.return_until", "must not be before zhejiang.migrants.return_from");
}

}  // namespace govsim::zhejiang
