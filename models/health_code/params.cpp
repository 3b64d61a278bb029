// Every parameter of the health-code model, declared once (docs/health_code_model.md explains the
// mechanisms; `govsim params --grep health_code` lists them).
#include "models/health_code/params.hpp"

#include "sim/core/errors.hpp"

namespace govsim::models::health_code {
namespace {

using P = HealthCodeParams;


}  // namespace

const ParamTable<P>& parameters() {
  static const ParamTable<P> table = [] {
    ParamTable<P> t;
    // --- city governments -------------------------------------------------------------------
    t.real("health_code.adoption.base_rate", [](P& p) -> double& { return p.adoption.base_rate; }, 0.02, 0, 1, "1/day",
           "Daily hazard that a city government with mean digital capacity, no epidemic pressure and no peers "
           "with a code decides to adopt one (once a city-wide code runs somewhere).",
           "assumption: a city with mean capacity, no epidemic and no peers with a code would take about fifty "
           "days to decide (2 % a day); not fitted, the platform's capacity binds first")
        .changeable();
    t.real("health_code.adoption.neighbour_weight", [](P& p) -> double& { return p.adoption.neighbour_weight; }, 2.0,
           0, 50, "1", "Learning from and competing with bordering cities: the hazard is multiplied by 1 + w x the "
           "share of bordering cities with a code.",
           "assumption: policy diffusion studies find neighbour adoption raises the hazard severalfold (Berry & Berry "
           "1990); seed 004: the code spread 'from Hangzhou to Zhejiang, the whole country'")
        .changeable();
    t.real("health_code.adoption.province_weight", [](P& p) -> double& { return p.adoption.province_weight; }, 2.0, 0,
           50, "1", "Learning from same-province peers: the hazard is multiplied by 1 + w x the share of the "
           "province's other cities with a code.",
           "assumption: peers under one provincial government compete on the same performance review; same size as "
           "the neighbour effect for want of a measurement")
        .changeable();
    t.real("health_code.adoption.pressure_weight", [](P& p) -> double& { return p.adoption.pressure_weight; }, 0.3, 0,
           5, "1", "Epidemic pressure: the log-hazard rises by w per unit of log(1 + confirmed cases per million "
           "residents) in the city and its neighbourhood, as reported the day before.",
           "assumption: cities with more cases had more to gain from controlling movement; a moderate effect")
        .changeable();
    t.real("health_code.adoption.nearby_case_weight", [](P& p) -> double& { return p.adoption.nearby_case_weight; },
           0.5, 0, 1, "1", "Weight of bordering cities' cases per million in a city's pressure.",
           "assumption: a city watches its neighbours' epidemic at half the weight of its own")
        .changeable();
    t.real("health_code.adoption.capacity_weight", [](P& p) -> double& { return p.adoption.capacity_weight; }, 0.5, 0,
           5, "1", "Digital capacity: the log-hazard rises by w per standard deviation of the capacity proxy (mean of "
           "the standardised college and urban shares of the 2020 census).",
           "assumption: seed 004 ties the code to Hangzhou's prior 'city brain' and smart-city build-up; the proxy "
           "is the census's educated and urban shares, the weight is moderate")
        .changeable();
    t.real("health_code.adoption.entrepreneur_share", [](P& p) -> double& { return p.adoption.entrepreneur_share; },
           0.1, 0, 1, "fraction", "Share of city governments with a policy entrepreneur (drawn once per city).",
           "assumption: a minority of local leaders push digital innovation (seed 004: Yuhang district's request)");
    t.real("health_code.adoption.entrepreneur_factor", [](P& p) -> double& { return p.adoption.entrepreneur_factor; },
           3.0, 1, 100, "1", "Hazard multiplier of a city with a policy entrepreneur.",
           "assumption: an entrepreneur triples the chance a city moves on a given day")
        .changeable();
    t.flag("health_code.adoption.province_rollout", [](P& p) -> bool& { return p.adoption.province_rollout; }, true,
           "Province-level decisions: once one of its cities runs a code, a province rolls it out to all its cities.",
           "seed 004: Zhejiang's notice 36 of 12 Feb 2020 offered Hangzhou's system to every city of the province")
        .changeable();
    t.integer("health_code.adoption.province_lag_days", [](P& p) -> int& { return p.adoption.province_lag_days; }, 1,
              0, 60, "days", "Days from a province's first city code to its roll-out to all cities.",
              "seed 004: Hangzhou's code went online on 11 Feb 2020, the province's notice followed on 12 Feb")
        .changeable();
    t.text("health_code.entrepreneur.request_region", &P::request_region, "", {},
           "Code of the city whose district government asks for a digital return-to-work scheme (set by a dated "
           "event; empty: none). A small local firm then builds a district code.",
           "seed 004: on 4 Feb 2020 Yuhang district (Hangzhou) asked for a digital return-to-work scheme")
        .changeable();
    // --- platform firms -----------------------------------------------------------------------
    t.integer("health_code.platform.small_firm_build_days",
              [](P& p) -> int& { return p.platform.small_firm_build_days; }, 1, 0, 30, "days",
              "Days the small local firm takes to ship the district code after the request.",
              "seed 004: asked on 4 Feb 2020, the Yuhang code was launched on 5 Feb");
    t.real("health_code.platform.small_firm_capacity", [](P& p) -> double& { return p.platform.small_firm_capacity; },
           20000, 0, 1e8, "codes/day", "Codes the small local firm can issue per day (at full scale; scaled by "
           "population.scale).",
           "assumption: seed 004 says the small firm's technical strength was insufficient for large-scale use; "
           "a small firm's servers handle some tens of thousands of applications a day")
        .changeable();
    t.real("health_code.platform.district_share", [](P& p) -> double& { return p.platform.district_share; }, 0.15,
           0, 1, "fraction", "Share of the requesting city's residents the district code covers.",
           "assumption: Yuhang (before its 2021 split) held about one resident of Hangzhou in seven");
    t.real("health_code.platform.join_unmet_ratio", [](P& p) -> double& { return p.platform.join_unmet_ratio; }, 0.5,
           0, 100, "1", "The city scales the code up (with the platform firm when co-building, alone otherwise) once "
           "a day's unmet applications exceed this multiple of the small firm's daily capacity.",
           "assumption: seed 004: the platform firm came in because the small firm could not support large-scale use; "
           "half a day's capacity left unmet is the trigger")
        .changeable();
    t.flag("health_code.platform.cobuild", [](P& p) -> bool& { return p.platform.cobuild; }, true,
           "Switch: governments co-build with the large platform firm (false: every government builds alone).",
           "seed 004: Hangzhou's code was co-built with the platform firm; the counterfactual switches it off")
        .changeable();
    t.real("health_code.platform.first_build_days", [](P& p) -> double& { return p.platform.first_build_days; }, 3.37,
              0, 60, "days (rounded)", "Days from the platform firm joining to the first co-built city code going online (the "
              "code is developed once, with the first city's government).",
              "fitted: posterior median of paper_repro/calibrations/health_code.toml (2 Dec 2026: 90 % interval "
              "1.7-4.9) to the seed's timeline; seed 004 only says 'after intense development'")
        .changeable();
    t.integer("health_code.platform.onboard_lead_days", [](P& p) -> int& { return p.platform.onboard_lead_days; }, 2,
              0, 60, "days", "Days from onboarding another city to its code going online (the existing system is "
              "configured for it).",
              "assumption: configuring an existing system for a city's data and checkpoints takes a couple of days")
        .changeable();
    t.real("health_code.platform.onboard_per_day", [](P& p) -> double& { return p.platform.onboard_per_day; }, 14.9, 0,
           367, "cities/day", "Cities the platform firm can onboard per day (may be fractional: spread over days).",
           "fitted: posterior median of paper_repro/calibrations/health_code.toml (2 Dec 2026: 90 % interval "
           "9.1-23); seed 004 gives no figure")
        .changeable();
    t.integer("health_code.platform.alone_build_days", [](P& p) -> int& { return p.platform.alone_build_days; }, 14,
              0, 120, "days", "Days a government building alone takes from its decision to a city code.",
              "assumption: twice to three times the co-build lead; a government without the firm's platform builds "
              "its own system")
        .changeable();
    t.real("health_code.platform.alone_daily_capacity", [](P& p) -> double& { return p.platform.alone_daily_capacity; },
           0.02, 0, 1, "1/day", "Codes a government-alone system issues per day per resident of its city (co-built "
           "codes have no such limit).",
           "assumption: a city system without the platform firm's cloud serves about 2 % of residents a day")
        .changeable();
    t.flag("health_code.platform.pooled_data", [](P& p) -> bool& { return p.platform.pooled_data; }, true,
           "Switch: co-built codes read data pooled across departments and firms (false: siloed data; "
           "government-alone codes are always siloed).",
           "seed 004: the middle platform pools data scattered across departments and firms")
        .changeable();
    // --- residents ----------------------------------------------------------------------------
    t.real("health_code.residents.need_move", [](P& p) -> double& { return p.residents.need_move; }, 0.1, 0, 1,
           "1/day", "Daily probability a resident needs to move (shopping, appointments, trips) through a check.",
           "assumption: under closed-off management a household went out every few days")
        .changeable();
    t.real("health_code.residents.uptake_literate", [](P& p) -> double& { return p.residents.uptake_literate; }, 0.5,
           0, 1, "1/day", "Daily probability a digitally literate resident in need applies for a code.",
           "assumption: applying takes minutes on a phone; most who need a code get it within two days")
        .changeable();
    t.real("health_code.residents.uptake_other", [](P& p) -> double& { return p.residents.uptake_other; }, 0.02, 0, 1,
           "1/day", "Same, for a resident without digital literacy who gets no help.",
           "assumption: paper alternatives were slow and rare")
        .changeable();
    t.real("health_code.residents.elder_help", [](P& p) -> double& { return p.residents.elder_help; }, 0.3, 0, 1,
           "fraction", "Daily probability an elderly resident without digital literacy is helped by family or "
           "community workers to apply (then applies as a literate resident would).",
           "assumption: most elderly live with or near family; community workers helped the rest")
        .changeable();
    t.real("health_code.residents.literacy_adult_urban", [](P& p) -> double& { return p.residents.literacy_adult_urban; },
           0.9, 0, 1, "fraction", "Share of urban residents aged 15-64 with a smartphone and the skill to apply.",
           "assumption: CNNIC 45th report: internet penetration 64.5 % in March 2020, higher among urban working-age "
           "adults");
    t.real("health_code.residents.literacy_adult_rural", [](P& p) -> double& { return p.residents.literacy_adult_rural; },
           0.7, 0, 1, "fraction", "Same, rural residents aged 15-64.",
           "assumption: CNNIC 45th report: rural internet penetration 46.2 % of all ages in March 2020");
    t.real("health_code.residents.literacy_elder_urban", [](P& p) -> double& { return p.residents.literacy_elder_urban; },
           0.4, 0, 1, "fraction", "Same, urban residents aged 65 and over.",
           "assumption: CNNIC 45th report: users aged 60+ were 6.7 % of 904 million users in March 2020");
    t.real("health_code.residents.literacy_elder_rural", [](P& p) -> double& { return p.residents.literacy_elder_rural; },
           0.15, 0, 1, "fraction", "Same, rural residents aged 65 and over.",
           "assumption: as the urban elderly share, lower in the countryside");
    t.real("health_code.residents.travel_history", [](P& p) -> double& { return p.residents.travel_history; }, 0.15, 0,
           1, "fraction", "Share of applicants whose travel history the code checks (returned after the Spring "
           "Festival).", "assumption: migrant workers returning in February")
        .changeable();
    t.real("health_code.residents.travel_risky", [](P& p) -> double& { return p.residents.travel_risky; }, 0.2, 0, 1,
           "fraction", "Share of those travellers whose journey passed a risk area (yellow with pooled data).",
           "assumption: a minority of journeys touched an area with cases")
        .changeable();
    t.real("health_code.residents.contacts_per_case", [](P& p) -> double& { return p.residents.contacts_per_case; },
           15, 0, 1000, "persons", "Close contacts traced per case reported in the city in the last 14 days (red with "
           "pooled data).", "assumption: China's contact tracing in early 2020 found on the order of 15 close "
           "contacts per case")
        .changeable();
    t.real("health_code.residents.self_report", [](P& p) -> double& { return p.residents.self_report; }, 0.005, 0, 1,
           "fraction", "Share of applicants (and of green holders each day) self-reporting fever or symptoms (yellow).",
           "assumption: about one in two hundred")
        .changeable();
    t.real("health_code.residents.place_yellow_per_case", [](P& p) -> double& { return p.residents.place_yellow_per_case; },
           0.05, 0, 1, "1", "Yellow probability at application per case in the last 14 days per 10,000 residents of "
           "the city (cases in their place; capped at 0.5).",
           "assumption: residents of streets with cases were put on yellow; a small effect per case")
        .changeable();
    t.real("health_code.residents.siloed_unverified", [](P& p) -> double& { return p.residents.siloed_unverified; },
           0.15, 0, 1, "fraction", "With siloed data: probability an applicant's claims cannot be checked and the "
           "code is yellow until verified (close contacts are then not seen at all).",
           "assumption: seed 004: without the middle platform, departments' records were not shared")
        .changeable();
    t.integer("health_code.residents.yellow_days", [](P& p) -> int& { return p.residents.yellow_days; }, 7, 1, 30,
              "days", "Quarantine of a yellow code before it turns green.",
              "issue 14 (Hangzhou's rules of 11 Feb 2020: yellow up to 7 days of quarantine; not in seed 004)")
        .changeable();
    t.integer("health_code.residents.red_days", [](P& p) -> int& { return p.residents.red_days; }, 14, 1, 60, "days",
              "Quarantine of a red code before it turns green.",
              "issue 14 (Hangzhou's rules of 11 Feb 2020: red 14 days of quarantine; not in seed 004)")
        .changeable();
    t.real("health_code.residents.community_check", [](P& p) -> double& { return p.residents.community_check; }, 0.5,
           0, 1, "fraction", "Probability a resident who goes out shows the code at the community gate.",
           "assumption: closed-off communities checked every exit, open ones some")
        .changeable();
    t.real("health_code.residents.intercity_trip", [](P& p) -> double& { return p.residents.intercity_trip; }, 0.005,
           0, 1, "1/day", "Daily probability a green code holder makes an inter-city trip (no mutual recognition).",
           "assumption: inter-city travel was a small fraction of its normal level in February 2020")
        .changeable();
    t.real("health_code.residents.recognition_boost", [](P& p) -> double& { return p.residents.recognition_boost; },
           1.0, 0, 20, "1", "Relative rise of inter-city trips once codes are recognised across cities.",
           "assumption: seed 004: mutual recognition (18 Feb 2020) served travel between provinces; doubling")
        .changeable();
    t.real("health_code.residents.unrecognised_yellow", [](P& p) -> double& { return p.residents.unrecognised_yellow; },
           0.5, 0, 1, "fraction", "Probability an inter-city traveller is put on yellow at the destination when codes "
           "are not recognised.", "assumption: without recognition arrivals were often quarantined")
        .changeable();
    t.flag("health_code.residents.mutual_recognition", [](P& p) -> bool& { return p.residents.mutual_recognition; },
           false, "Codes are recognised across cities (set by a dated event).",
           "seed 004: 2月18日 跨省互认 (cross-province mutual recognition from 18 Feb 2020)")
        .changeable();
    t.flag("health_code.residents.recognition_enabled", [](P& p) -> bool& { return p.residents.recognition_enabled; },
           true, "Switch: mutual recognition can come into force (false: the counterfactual without it).",
           "seed 004: the counterfactual switches the 18 Feb 2020 recognition off")
        .changeable();
    // --- work -----------------------------------------------------------------------------------
    t.flag("health_code.work.open", [](P& p) -> bool& { return p.work.open; }, false,
           "Firms may resume at all (set by a dated event).",
           "assumption: dated by the provinces' notices that firms resume no earlier than 10 Feb 2020")
        .changeable();
    t.flag("health_code.work.resume_without_approval", [](P& p) -> bool& { return p.work.resume_without_approval; },
           false, "Firms of cities with a code resume without prior approval (set by a dated event).",
           "seed 004: from 16 Feb 2020 Hangzhou's firms resumed without prior filing and review")
        .changeable();
    t.real("health_code.work.approval_rate", [](P& p) -> double& { return p.work.approval_rate; }, 0.03, 0, 1, "1/day",
           "Daily share of closed firms that resume under prior approval.",
           "assumption: approval by filing and review let a few percent of firms back each day")
        .changeable();
    t.real("health_code.work.code_rate", [](P& p) -> double& { return p.work.code_rate; }, 0.12, 0, 1, "1/day",
           "Daily share of closed firms that resume in a city with a code once approval is waived.",
           "assumption: four times the approval rate; most firms back within three weeks")
        .changeable();
    // --- the international version (14 Mar 2020) --------------------------------------------
    t.flag("health_code.international.enabled", [](P& p) -> bool& { return p.international.enabled; }, false,
           "The international version of the code is online (set by a dated event): in the cities of "
           "health_code.international.province that run a city code, an arrival from abroad is given a code on "
           "arrival and quarantined; elsewhere, or before, arrivals pass the domestic code unseen.",
           "seed 004: 3月14日,健康码'国际版'上线,对境外入浙人员进行管控 (14 Mar 2020: the international version "
           "controls persons entering Zhejiang from abroad)")
        .changeable();
    t.text("health_code.international.province", &P::international_province, "330000", {},
           "Province (the region table's parent_code) whose cities run the international version; empty: every "
           "province.",
           "seed 004: the international version controlled arrivals into Zhejiang (入浙), province code 330000");
    t.real("health_code.international.arrivals_per_day",
           [](P& p) -> double& { return p.international.arrivals_per_day; }, 0, 0, 1e7, "persons/day",
           "Arrivals from abroad per day nationally, at census scale (scaled by population.scale), spread over cities "
           "in proportion to residents (set by a dated event; 0: none).",
           "National Immigration Administration, State Council press conference of 16 Mar 2020: since 11 Mar about "
           "20,000 persons a day entered by international flights (120,000 by all ports, most over land crossings); "
           "assumption: spread over cities by residents (destinations not published), none before 11 Mar")
        .changeable();
    t.integer("health_code.international.quarantine_days",
              [](P& p) -> int& { return p.international.quarantine_days; }, 14, 1, 60, "days",
              "Days an arrival put on the code by the international version stays in quarantine (yellow) before "
              "the code turns green.",
              "State Council joint prevention and control mechanism, March 2020: 14 days of medical observation for "
              "persons arriving from abroad")
        .changeable();
    // --- data and reporting ---------------------------------------------------------------------
    t.text("health_code.cases_table", &P::cases_table, "", {},
           "CSV of daily cumulative confirmed cases per region (code,date,cumulative_confirmed), relative to the "
           "scenario file; empty: no epidemic pressure.",
           "data: scenarios/data/china/prefecture_cases.csv (health commissions' daily reports)");
    t.text("health_code.report.focus_region", &P::focus_region, "330100", {},
           "Region whose launch day is reported as a summary scalar.", "seed 004: Hangzhou (330100)");
    t.date("health_code.report.province_date", &P::province_date, *Date::parse("2020-02-15"),
           "Day on which the focus region's province's cities with a code are counted (summary scalar).",
           "seed 004: 2月15日晚 ... 上线 (nine Zhejiang cities online on the evening of 15 Feb 2020)");
    t.date("health_code.report.national_date", &P::national_date, *Date::parse("2020-03-01"),
           "Day on which the cities with a code nationwide are counted (summary scalar).",
           "seed 004: 到3月份,全国超过200个城市推广使用健康码 (by March more than 200 cities)");
    return t;
  }();
  return table;
}

void declare(ParamRegistry& reg) { parameters().declare(reg); }

void check(const ParamSet& p) {
  if (p.get_int("health_code.residents.yellow_days") > p.get_int("health_code.residents.red_days"))
    throw InputError(p.at("health_code.residents.yellow_days").loc, "health_code.residents.yellow_days",
                     "a yellow quarantine must not be longer than a red one (health_code.residents.red_days)");
  const bool regions = p.has("regions.table") && !p.get_string("regions.table").empty();
  if (!p.get_string("health_code.cases_table").empty() && !regions)
    throw InputError(p.at("health_code.cases_table").loc, "health_code.cases_table",
                     "a case table needs a region table (regions.table) to place its cases");
}

}  // namespace govsim::models::health_code
