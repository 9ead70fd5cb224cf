"""The demo newsroom's articles: original text written for Vestnik.

Every person, city and country below is invented. Body items are strings
(paragraphs) or tuples: ("h", text), ("quote", text, attribution),
("photo", scene, caption, credit), ("teaser", slug).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    section: str
    hours_ago: float
    headline: str
    standfirst: str
    tags: tuple[str, ...]
    scene: str | None
    caption: str
    credit: str
    body: tuple[object, ...]
    related: tuple[str, ...] = ()
    byline: str = ""
    correction: str = ""
    updated_hours_later: float | None = None
    status: str = "published"
    extra: dict[str, str] = field(default_factory=dict)


SECTIONS = [
    ("politics", "Politics", "Parliament, government and the people who run them."),
    ("world", "World", "News from beyond our borders."),
    ("economy", "Economy", "Markets, money, jobs and prices."),
    (
        "science",
        "Science & Tech",
        "Discoveries, technology and the people behind them.",
    ),
    ("society", "Society", "Cities, schools, health and everyday life."),
    ("culture", "Culture", "Books, film, music, theatre and art."),
    ("sport", "Sport", "Results, transfers and the stories behind the games."),
]

ARTICLES: list[DemoArticle] = [
    # --- politics ---------------------------------------------------------------
    DemoArticle(
        "parliament-passes-budget-after-all-night-session",
        "politics",
        2.5,
        "Parliament passes next year's budget after an all-night session",
        "Deputies approved the budget by 241 votes to 187 shortly before dawn, after the "
        "government accepted last-minute changes to regional transport funding.",
        ("Budget", "Parliament", "Elena Varga"),
        "building",
        "The parliament building in Northgate shortly before the final vote.",
        "Photo: Vestnik / Irina Sokol",
        (
            "The vote closed a debate that began on Tuesday morning and ran for more than twenty "
            "hours. Opposition deputies tabled over three hundred amendments; eleven were accepted.",
            "The most contested change moves 4.2 billion from the road maintenance fund to "
            "suburban rail, a demand of the three regional parties whose support the government "
            "needed to reach a majority.",
            (
                "quote",
                "This is not the budget I would have written alone, and that is exactly why "
                "it is a better one.",
                "Prime Minister Elena Varga, speaking to reporters after the vote",
            ),
            "Finance Minister Tomas Lind said the deficit would stay below 2.8 percent of output "
            "even with the additional spending, because tax receipts in the third quarter came in "
            "higher than forecast.",
            ("teaser", "inflation-slows-for-fourth-month"),
            "The budget now goes to the upper chamber, which has fourteen days to return it with "
            "comments. Its speaker has said she does not expect substantial objections.",
            "Critics in the opposition said the plan still relies on optimistic growth figures. "
            '"If growth disappoints, we will be back here in the spring," said deputy Karl Weiss.',
        ),
        related=(
            "regional-parties-win-rail-concessions",
            "finance-minister-defends-tax-forecast",
        ),
        byline="Irina Sokol",
        updated_hours_later=1.5,
    ),
    DemoArticle(
        "regional-parties-win-rail-concessions",
        "politics",
        20,
        "Regional parties win rail concessions in return for budget support",
        "Three parties from the eastern provinces said they would back the budget after the "
        "government promised new suburban lines around Port Alder and Lindfield.",
        ("Budget", "Parliament", "Transport"),
        "city",
        "Commuters at Port Alder central station during the morning rush.",
        "Photo: Vestnik / Marek Hale",
        (
            "The agreement, announced in a joint statement late on Monday, commits the government "
            "to two new suburban lines and the electrification of 140 kilometres of existing track.",
            "Party leaders said the deal had been reached after four rounds of talks. "
            "Their eighteen deputies give the governing coalition a working majority for the "
            "final budget vote.",
            (
                "quote",
                "People in the east have waited twenty years for trains that run on time. "
                "We are not going to wait another twenty.",
                "Agnes Moravec, leader of the Eastern Union",
            ),
            "Transport engineers cautioned that the timetable is ambitious. The first new line "
            "would need environmental approval before construction could begin.",
        ),
        byline="Marek Hale",
    ),
    DemoArticle(
        "finance-minister-defends-tax-forecast",
        "politics",
        44,
        "Finance minister defends tax forecast as auditors raise doubts",
        "Tomas Lind told a parliamentary committee that the revenue forecast behind next year's "
        "budget was cautious, a day after the audit office called it optimistic.",
        ("Budget", "Taxes", "Tomas Lind"),
        "building",
        "Finance Minister Tomas Lind arrives at the committee hearing.",
        "Photo: Ministry of Finance",
        (
            "The audit office said in a report published on Wednesday that the forecast assumes "
            "a rise in corporate tax receipts that has happened only twice in the past decade.",
            "Lind said the ministry had used the central bank's own growth estimate and had "
            "left a reserve of 1.1 billion for unexpected shortfalls.",
            "Committee members from the opposition asked for monthly reporting on tax receipts "
            "during the coming year. The minister said he would consider quarterly reports.",
            ("teaser", "parliament-passes-budget-after-all-night-session"),
            "The audit office is independent of the government and reports to parliament. Its "
            "opinions are not binding.",
        ),
    ),
    DemoArticle(
        "mayor-brandt-announces-reelection-bid",
        "politics",
        70,
        "Northgate mayor Daniel Brandt announces bid for a third term",
        "Brandt, who has run the capital since 2017, said he wanted to finish the riverside "
        "housing programme and the new tram line before stepping aside.",
        ("Northgate", "Local elections"),
        "city",
        "Daniel Brandt speaks to supporters at the old tram depot.",
        "Photo: Vestnik / Irina Sokol",
        (
            "The announcement, made at a former tram depot that the city is turning into a "
            "community centre, ended months of speculation about his plans.",
            "Brandt's opponents have criticised delays on the tram project, which is two years "
            "behind schedule and 18 percent over budget.",
            (
                "quote",
                "I would rather be judged on a tram that runs than on a press release that "
                "promised one.",
                "Mayor Daniel Brandt",
            ),
            "The city election takes place in May. Two other candidates have declared so far: "
            "a former deputy mayor and a local business owner who chairs the chamber of commerce.",
        ),
    ),
    DemoArticle(
        "new-law-on-public-data-portal",
        "politics",
        95,
        "Government publishes draft law requiring ministries to open their data",
        "Under the draft, every ministry would have to publish its spending, contracts and "
        "statistics in machine-readable form within ninety days of the end of each quarter.",
        ("Open data", "Transparency", "Parliament"),
        "lab",
        "An illustration of linked public data sets.",
        "Illustration: Vestnik",
        (
            "The proposal follows a two-year pilot in which four ministries published their "
            "contracts on a common portal. The pilot portal now receives about 60,000 visits a month.",
            "Journalists and researchers welcomed the draft but said its exceptions for "
            '"commercially sensitive" information were too broad.',
            (
                "quote",
                "A transparency law with a loophole the size of a ministry is a press release, "
                "not a law.",
                "Hanna Ruus, director of the Open Budget Institute",
            ),
            "The government said it would hold a public consultation until the end of next "
            "month. Comments can be submitted online or by post.",
        ),
    ),
    DemoArticle(
        "coalition-agrees-on-pension-reform-timetable",
        "politics",
        140,
        "Coalition agrees on a timetable for pension reform",
        "The three governing parties agreed to present a pension bill in March, after a "
        "commission of economists and trade unions reports in February.",
        ("Pensions", "Elena Varga", "Parliament"),
        "building",
        "Coalition leaders after their meeting in the government building.",
        "Photo: Government press office",
        (
            "The agreement leaves open the most divisive question: whether the retirement age "
            "should be linked to life expectancy, as the central bank has recommended.",
            "Prime Minister Varga said every option remained on the table. Trade unions said they "
            "would oppose any rise in the retirement age without improvements for people in "
            "physically demanding jobs.",
            "The pension system paid out 14.6 percent of economic output last year. Its reserve "
            "fund is expected to be exhausted by 2034 without changes.",
        ),
    ),
    # --- world ------------------------------------------------------------------
    DemoArticle(
        "veradia-votes-in-tight-presidential-runoff",
        "world",
        4,
        "Veradia votes in a tight presidential runoff",
        "Polls closed in Veradia after a calm day of voting, with the two candidates separated "
        "by less than two points in the final surveys.",
        ("Veradia", "Elections"),
        "city",
        "Voters queue outside a polling station in the Veradian capital.",
        "Photo: Vestnik / Lucas Ferrand",
        (
            "Turnout reached 64 percent by late afternoon, according to the electoral "
            "commission, higher than in the first round three weeks ago.",
            "The incumbent, Sofia Marquetti, has campaigned on her record of cutting "
            "unemployment. Her challenger, the former central banker Andres Pell, has promised "
            "to tackle the cost of housing in the big cities.",
            (
                "quote",
                "Whoever wins, the country has shown that it can disagree peacefully. That "
                "is the result that matters most tonight.",
                "Head of the international observer mission",
            ),
            "Preliminary results are expected after midnight. Both campaigns have said they will "
            "accept the commission's count.",
        ),
        byline="Lucas Ferrand",
    ),
    DemoArticle(
        "kestrel-islands-declare-marine-reserve",
        "world",
        30,
        "Kestrel Islands declare one of the world's largest marine reserves",
        "The island nation will ban commercial fishing in an area of ocean larger than its "
        "entire land territory a hundred times over.",
        ("Kestrel Islands", "Oceans", "Environment"),
        "sea",
        "A fishing boat returns to harbour at dusk.",
        "Photo: Kestrel Islands Tourism Board",
        (
            "The reserve covers 740,000 square kilometres around the outer islands. Local "
            "fishing communities will keep the right to fish within twenty nautical miles of shore.",
            "The government said licence fees from foreign fishing fleets, worth about a tenth of "
            "its budget, would be replaced by a fund financed by donor countries and foundations.",
            (
                "photo",
                "sea",
                "A reef off the outer islands, now inside the protected zone.",
                "Photo: Marine Research Station",
            ),
            "Scientists said the area includes spawning grounds for tuna and several species of "
            "shark. Enforcement will rely on satellite monitoring and two new patrol vessels.",
            ("teaser", "coral-reefs-recover-faster-than-expected"),
        ),
        related=("coral-reefs-recover-faster-than-expected",),
    ),
    DemoArticle(
        "orsland-and-veradia-sign-border-river-treaty",
        "world",
        55,
        "Orsland and Veradia sign treaty on sharing the Selva river",
        "The agreement ends a decade-long dispute over dams and water levels on the river that "
        "forms much of the border between the two countries.",
        ("Veradia", "Orsland", "Diplomacy", "Water"),
        "mountains",
        "The Selva valley near the border town of Mirn.",
        "Photo: Vestnik / Lucas Ferrand",
        (
            "Under the treaty, a joint commission will set minimum river flows for each season "
            "and publish daily measurements from twelve monitoring stations.",
            "Farmers downstream in Veradia had complained that a hydroelectric dam built in "
            "Orsland in 2014 left their fields dry in late summer.",
            (
                "quote",
                "Rivers do not read maps. From today, neither will our engineers.",
                "Orsland's foreign minister at the signing ceremony",
            ),
            "The treaty must still be ratified by both parliaments. Ratification is expected "
            "early next year.",
        ),
    ),
    DemoArticle(
        "storm-cuts-power-to-coastal-towns",
        "world",
        80,
        "Storm cuts power to thousands along the northern coast",
        "Winds of up to 130 km/h brought down power lines and closed two ports; repair crews "
        "expect to restore most connections within two days.",
        ("Weather", "Storms"),
        "sea",
        "Waves break over the harbour wall at Sandvik.",
        "Photo: Coast Guard",
        (
            "Around 48,000 households lost electricity overnight. Schools in the three worst "
            "affected districts stayed closed on Thursday.",
            "The coast guard said it had rescued the crew of a small cargo ship whose engine "
            "failed off the headland. All six crew members were unharmed.",
            "Forecasters said the storm would weaken as it moves east, but warned of heavy rain "
            "and the risk of flooding in river valleys on Friday.",
        ),
    ),
    DemoArticle(
        "global-summit-agrees-on-shipping-emissions",
        "world",
        160,
        "Maritime summit agrees to cut shipping emissions by 2040",
        "Delegates from 60 countries agreed a timetable to halve greenhouse gas emissions from "
        "international shipping, with a levy on fuel to follow.",
        ("Climate", "Shipping", "Diplomacy"),
        "sea",
        "Container ships at anchor outside a major port.",
        "Photo: Vestnik / Marek Hale",
        (
            "The agreement sets intermediate targets for 2030 and 2035 and asks ship owners to "
            "report fuel use for every voyage from next year.",
            "Small island states had pushed for a faster timetable. Several exporting countries "
            "argued that a levy would raise the cost of food imports for poorer nations.",
            "The details of the fuel levy, including how its revenue will be spent, will be "
            "negotiated at a follow-up meeting in the spring.",
        ),
    ),
    DemoArticle(
        "veradia-opposition-candidate-concedes",
        "world",
        1,
        "Veradia runoff: challenger concedes as count nears completion",
        "Andres Pell congratulated President Sofia Marquetti on her re-election with 98 percent "
        "of the vote counted and a lead of about 1.6 points.",
        ("Veradia", "Elections"),
        "city",
        "Supporters of the president celebrate in the capital's central square.",
        "Photo: Vestnik / Lucas Ferrand",
        (
            "Pell told supporters that the result was close enough to give his programme a "
            "strong voice in parliament, where his party is now the largest in opposition.",
            ("teaser", "veradia-votes-in-tight-presidential-runoff"),
            "Marquetti promised to work with the opposition on housing, the issue that dominated "
            "the campaign.",
            (
                "quote",
                "Half of the country voted for change. I heard them.",
                "President Sofia Marquetti",
            ),
        ),
        related=("veradia-votes-in-tight-presidential-runoff",),
        byline="Lucas Ferrand",
    ),
    # --- economy ----------------------------------------------------------------
    DemoArticle(
        "inflation-slows-for-fourth-month",
        "economy",
        6,
        "Inflation slows for a fourth month as food prices ease",
        "Consumer prices rose 3.1 percent from a year earlier in October, down from 3.6 percent "
        "in September, the statistics office said.",
        ("Inflation", "Prices", "Central bank"),
        "chart",
        "Annual inflation, percent.",
        "Infographic: Vestnik",
        (
            "Food prices fell for the first time in two years, driven by cheaper vegetables and "
            "dairy products after a good harvest.",
            "Energy prices were flat, while services inflation, which the central bank watches "
            "closely, stayed high at 4.4 percent.",
            (
                "quote",
                "The direction is right, but services prices tell us the job is not done.",
                "Miriam Okafor, governor of the central bank",
            ),
            "Economists said the figures make a rate cut at the December meeting more likely, "
            "though the bank may wait for wage data due in January.",
            ("teaser", "central-bank-holds-rates"),
        ),
        related=("central-bank-holds-rates",),
        byline="Paul Reinholt",
    ),
    DemoArticle(
        "central-bank-holds-rates",
        "economy",
        120,
        "Central bank holds interest rates and signals patience",
        "The bank kept its key rate at 5.25 percent for a third meeting, saying it wanted "
        "clearer evidence that wage growth is slowing.",
        ("Central bank", "Interest rates", "Inflation"),
        "building",
        "The central bank's headquarters on Market Square.",
        "Photo: Vestnik / Paul Reinholt",
        (
            "Seven of the nine members of the rate-setting board voted to hold; two voted for a "
            "cut of a quarter of a point.",
            "Governor Miriam Okafor said the board would look at every new piece of data rather "
            "than follow a preset path.",
            "Mortgage lenders have already begun trimming fixed rates in anticipation of cuts "
            "next year. The average five-year fixed rate fell to 5.9 percent last month.",
        ),
    ),
    DemoArticle(
        "port-alder-container-terminal-expansion",
        "economy",
        34,
        "Port Alder container terminal to double capacity by 2028",
        "The port authority approved a 1.9 billion expansion that will add two deep-water "
        "berths and an electrified rail link.",
        ("Port Alder", "Transport", "Investment"),
        "sea",
        "Cranes at the existing container terminal.",
        "Photo: Port Alder Authority",
        (
            "The project is expected to create about 1,200 construction jobs and 400 permanent "
            "positions once the terminal is running.",
            "Environmental groups said dredging the approach channel could damage seagrass "
            "meadows. The port authority said it would replant an area twice the size of any "
            "meadow disturbed.",
            ("teaser", "regional-parties-win-rail-concessions"),
            "Construction is due to begin next autumn.",
        ),
    ),
    DemoArticle(
        "small-businesses-struggle-with-late-payments",
        "economy",
        75,
        "Small businesses say late payments are their biggest problem",
        "Six in ten small firms waited more than 60 days for at least one invoice last year, "
        "according to a survey by the chamber of commerce.",
        ("Small business", "Survey"),
        "market",
        "Stallholders at the Saturday market in Lindfield.",
        "Photo: Vestnik / Irina Sokol",
        (
            "The survey of 2,300 firms found that late payments were a bigger concern than "
            "energy costs or finding staff.",
            "Large companies and public bodies were the worst offenders, respondents said.",
            (
                "quote",
                "We are a bakery, not a bank. We cannot lend money to a supermarket chain "
                "for three months.",
                "Martina Holm, owner of a bakery in Lindfield",
            ),
            "The chamber is asking the government to require large firms to publish their "
            "average payment times.",
        ),
    ),
    DemoArticle(
        "unemployment-falls-to-record-low",
        "economy",
        100,
        "Unemployment falls to the lowest level on record",
        "The jobless rate fell to 4.2 percent in the third quarter, the lowest since the "
        "statistics office began its current survey in 1996.",
        ("Jobs", "Labour market"),
        "chart",
        "Unemployment rate, percent.",
        "Infographic: Vestnik",
        (
            "Employment grew fastest in health care, construction and information technology.",
            "Employers' groups said labour shortages were now holding back growth in several "
            "regions, and called for faster recognition of foreign qualifications.",
            "Wages rose 5.3 percent from a year earlier, ahead of inflation for the fifth "
            "quarter in a row.",
        ),
    ),
    DemoArticle(
        "housing-starts-rise",
        "economy",
        150,
        "Housing starts rise for the first time in two years",
        "Builders began work on 9,400 homes in the third quarter, up 11 percent from the same "
        "period last year.",
        ("Housing", "Construction"),
        "city",
        "A new residential block under construction on the riverside.",
        "Photo: Vestnik / Marek Hale",
        (
            "Most of the increase came from apartment blocks in the capital and Port Alder.",
            "Developers said lower material costs and expectations of falling interest rates "
            "had made more projects viable.",
            "The housing ministry said it was on track to meet its target of 40,000 new homes a "
            "year by 2027, a figure independent analysts consider optimistic.",
        ),
    ),
    # --- science ----------------------------------------------------------------
    DemoArticle(
        "coral-reefs-recover-faster-than-expected",
        "science",
        26,
        "Coral reefs recover faster than expected after bleaching",
        "A ten-year study of reefs in the southern ocean found that protected areas regained "
        "most of their coral cover within six years of a major bleaching event.",
        ("Oceans", "Environment", "Research"),
        "sea",
        "Researchers prepare to dive at a monitoring site.",
        "Photo: Marine Research Station",
        (
            "The researchers surveyed 84 reefs every year since 2014. Reefs where fishing was "
            "banned recovered almost twice as fast as those where it was allowed.",
            "The team believes that fish which graze on algae keep space free for young corals "
            "to settle.",
            (
                "quote",
                "Protection does not make reefs immune to heat, but it buys them time.",
                "Dr. Leila Anand, the study's lead author",
            ),
            "The authors warn that recovery takes longer when bleaching events come closer "
            "together, as climate models suggest they will.",
            ("teaser", "kestrel-islands-declare-marine-reserve"),
        ),
        related=("kestrel-islands-declare-marine-reserve",),
    ),
    DemoArticle(
        "university-team-builds-cheap-water-sensor",
        "science",
        50,
        "University team builds a water sensor that costs less than a sandwich",
        "Engineers in Lindfield have designed a paper-based sensor that detects common "
        "contaminants in drinking water in under five minutes.",
        ("Research", "Water", "Universities"),
        "lab",
        "The sensor changes colour when it detects contaminants.",
        "Photo: Lindfield University",
        (
            "The sensor uses a strip of treated paper and a smartphone camera to measure nitrate "
            "and lead. Each strip costs about 40 cents to produce.",
            "Field tests in 30 villages matched laboratory results in nine cases out of ten.",
            "The team has published its design under an open licence and is working with two "
            "aid organisations on a larger trial.",
        ),
    ),
    DemoArticle(
        "space-agency-picks-landing-site",
        "science",
        85,
        "Space agency picks a landing site for its first lunar rover",
        "Mission planners chose a crater rim near the Moon's south pole, where the rover will "
        "look for water ice in permanently shadowed ground.",
        ("Space", "Research"),
        "mountains",
        "An artist's impression of the landing area.",
        "Illustration: National Space Agency",
        (
            "The site offers long periods of sunlight for the rover's solar panels and a direct "
            "line of sight to Earth for communications.",
            "The rover, about the size of a suitcase, will carry a drill and a small "
            "spectrometer built by a university consortium.",
            "Launch is planned for late 2027 on a commercial rocket.",
        ),
    ),
    DemoArticle(
        "hospitals-test-ai-for-reading-scans",
        "science",
        110,
        "Hospitals test software that flags urgent scans for doctors",
        "Four hospitals will use a program that sorts chest scans by urgency, so radiologists "
        "see the most serious cases first. Doctors, not the software, make every diagnosis.",
        ("Health", "Technology", "Hospitals"),
        "lab",
        "A radiology reading room at Northgate General Hospital.",
        "Photo: Northgate General Hospital",
        (
            "In a trial last year, the software moved the most urgent scans to the top of the "
            "queue, cutting the average wait for a report on those cases from five hours to two.",
            "The health ministry said patients would be told when the software was used and "
            "that all results would be reviewed by a specialist.",
            (
                "quote",
                "It does not replace a radiologist. It makes sure the radiologist looks at "
                "the right scan first.",
                "Dr. Oskar Lindqvist, head of radiology",
            ),
            "The trial will run for a year and be evaluated by an independent team.",
        ),
    ),
    DemoArticle(
        "ancient-shipwreck-found-off-cape-mora",
        "science",
        175,
        "Divers find a 2,000-year-old shipwreck off Cape Mora",
        "Archaeologists say the merchant ship carried wine jars and fine pottery, and may "
        "change what is known about trade routes in the region.",
        ("Archaeology", "Research"),
        "sea",
        "The waters off Cape Mora, where the wreck lies at 38 metres.",
        "Photo: Institute of Archaeology",
        (
            "The wreck was spotted by a sonar survey last spring. Divers have so far recovered "
            "seventy amphorae, many still sealed.",
            "Residue analysis will show what the jars held. Stamps on their handles point to "
            "workshops more than a thousand kilometres away.",
            "The site will be protected while excavation continues next summer.",
        ),
    ),
    DemoArticle(
        "electric-buses-pass-winter-test",
        "science",
        200,
        "Electric buses pass their first winter test in the north",
        "Twelve battery buses kept to their timetable through a month of sub-zero "
        "temperatures, the transport authority said.",
        ("Transport", "Technology", "Energy"),
        "city",
        "One of the new electric buses at its depot.",
        "Photo: Northern Transport Authority",
        (
            "Range fell by about a quarter on the coldest days, but every route was completed "
            "with charge to spare, thanks to top-up charging at the terminals.",
            "Drivers said the buses were quieter and warmer than the diesel models they replace.",
            "The authority plans to order sixty more next year.",
        ),
    ),
    # --- society ----------------------------------------------------------------
    DemoArticle(
        "schools-to-ban-phones-in-class",
        "society",
        8,
        "Schools to keep phones out of classrooms from next term",
        "The education ministry will require pupils up to the age of 15 to hand in their phones "
        "at the start of lessons, after a pilot in 200 schools.",
        ("Education", "Schools", "Children"),
        "city",
        "Pupils leave a secondary school in Northgate.",
        "Photo: Vestnik / Irina Sokol",
        (
            "Teachers in the pilot schools reported fewer disruptions and more conversation "
            "during breaks, though results in tests did not change measurably.",
            "Parents' groups were divided. Some welcomed the rule; others worried about "
            "reaching their children in an emergency.",
            (
                "quote",
                "The phone is not the enemy. But a lesson needs forty minutes of attention, "
                "and the phone is very good at taking it.",
                "Education Minister Rasa Kallio",
            ),
            "Schools will decide for themselves how to store the phones. The ministry will pay "
            "for lockable cabinets where needed.",
        ),
    ),
    DemoArticle(
        "new-tram-line-opens-in-northgate",
        "society",
        28,
        "Northgate's new tram line finally opens",
        "The first passengers rode the 9-kilometre line from the central station to the "
        "riverside district on Saturday, two years later than planned.",
        ("Northgate", "Transport"),
        "city",
        "The first tram leaves the central station on Saturday morning.",
        "Photo: Vestnik / Marek Hale",
        (
            "Trams will run every six minutes at peak times. Travel will be free for the first week.",
            ("teaser", "mayor-brandt-announces-reelection-bid"),
            "Residents of the riverside district, which until now relied on buses, said the "
            "line would cut their journey to the centre by half.",
            "The city said the final cost was 412 million, 18 percent over the original budget.",
        ),
        related=("mayor-brandt-announces-reelection-bid",),
    ),
    DemoArticle(
        "volunteers-plant-trees-on-former-landfill",
        "society",
        60,
        "Volunteers plant ten thousand trees on a former landfill",
        "More than 1,500 people spent the weekend turning the old Eastfield tip into what "
        "will become the city's third-largest park.",
        ("Environment", "Volunteers", "Parks"),
        "forest",
        "Young oaks and birches on the slopes of the former landfill.",
        "Photo: Eastfield Park Trust",
        (
            "The landfill closed in 2009 and was capped with clay and soil. Engineers said "
            "native trees with shallow roots were safe to plant.",
            "The park will open to the public in stages over the next five years.",
            (
                "quote",
                "My grandfather worked at the tip. My children will climb trees here.",
                "A volunteer from the Eastfield estate",
            ),
        ),
    ),
    DemoArticle(
        "hospital-waiting-times-fall",
        "society",
        130,
        "Hospital waiting times fall for the first time in three years",
        "The median wait for planned surgery fell to 11 weeks, after hospitals added "
        "weekend operating lists.",
        ("Health", "Hospitals"),
        "lab",
        "An operating theatre at Port Alder hospital.",
        "Photo: Port Alder Hospital",
        (
            "The health ministry said 14,000 more operations were carried out this year than last.",
            "Nurses' unions said the extra lists relied on overtime and could not be sustained "
            "without more staff.",
            "Waiting times for mental health services have not improved, the ministry's own "
            "figures show.",
        ),
    ),
    DemoArticle(
        "libraries-extend-opening-hours",
        "society",
        180,
        "City libraries stay open until midnight during exam season",
        "Five branches in Northgate will open late for six weeks, after students complained "
        "that they had nowhere quiet to study.",
        ("Northgate", "Education", "Libraries"),
        "city",
        "The reading room of the central library.",
        "Photo: Northgate Libraries",
        (
            "The city will pay for extra staff from its youth budget. Security guards will be "
            "on duty after 9 p.m.",
            "Last year's trial at one branch drew about 300 visitors a night.",
        ),
    ),
    DemoArticle(
        "cycling-lanes-consultation",
        "society",
        210,
        "City asks residents where new cycle lanes should go",
        "An online map lets residents mark dangerous junctions and suggest routes for 40 "
        "kilometres of protected cycle lanes.",
        ("Northgate", "Transport", "Cycling"),
        "city",
        "Cyclists on the river embankment.",
        "Photo: Vestnik / Irina Sokol",
        (
            "More than 6,000 comments were posted in the first two days.",
            "The city will publish a draft network in the spring and a final plan by summer.",
        ),
    ),
    # --- culture ----------------------------------------------------------------
    DemoArticle(
        "national-theatre-reopens-after-restoration",
        "culture",
        12,
        "National Theatre reopens after a three-year restoration",
        "The 19th-century building reopened with a new production of a local classic, its "
        "painted ceiling cleaned and its seats rebuilt to the original design.",
        ("Theatre", "Heritage"),
        "stage",
        "The first performance in the restored main hall.",
        "Photo: National Theatre / Ada Berg",
        (
            "Restorers removed eight layers of paint to reveal the original colour scheme, a "
            "deep green with gilded details.",
            "The stage machinery has been replaced, allowing productions that the old building "
            "could not accommodate.",
            (
                "quote",
                "We kept everything the audience sees and replaced everything it doesn't.",
                "Lena Marsh, the theatre's technical director",
            ),
            (
                "photo",
                "building",
                "The theatre's restored facade.",
                "Photo: National Theatre / Ada Berg",
            ),
            "Tickets for the opening month sold out within a day. The theatre has added matinees.",
        ),
    ),
    DemoArticle(
        "debut-novel-wins-book-prize",
        "culture",
        40,
        "Debut novel about a lighthouse keeper wins the national book prize",
        '"The Last Light at Sandvik" by Johanna Eklund was chosen from 112 entries for what the '
        'jury called its "patient, luminous prose".',
        ("Books", "Awards"),
        "sea",
        "The lighthouse at Sandvik, which inspired the novel.",
        "Photo: Vestnik / Marek Hale",
        (
            "Eklund, a former ferry navigator, wrote the book over seven years of night shifts.",
            "The novel follows the last keeper of a lighthouse in the months before it was "
            "automated in 1976.",
            (
                "quote",
                "I wanted to write about the people whose work disappears quietly.",
                "Johanna Eklund, accepting the prize",
            ),
            "The prize comes with 30,000 and a guaranteed translation into three languages.",
        ),
    ),
    DemoArticle(
        "film-festival-opens-with-local-premiere",
        "culture",
        65,
        "Port Alder film festival opens with a homegrown premiere",
        "The festival's 25th edition opened with a drama shot entirely in the city's old "
        "shipyards, with a cast of mostly non-professional actors.",
        ("Film", "Festivals", "Port Alder"),
        "stage",
        "The opening night audience at the festival cinema.",
        "Photo: Port Alder Film Festival",
        (
            "The festival will screen 140 films over ten days, including 30 premieres.",
            "This year's programme has a strand devoted to films made by directors under 25.",
            "Festival passes are on sale at the box office and online.",
        ),
    ),
    DemoArticle(
        "museum-returns-manuscripts",
        "culture",
        115,
        "Museum returns medieval manuscripts to the monastery that wrote them",
        "Three illuminated manuscripts removed from the Monastery of St. Aurel in the 1920s "
        "were handed back in a ceremony on Sunday.",
        ("Museums", "Heritage"),
        "building",
        "The monastery library, where the manuscripts will be kept.",
        "Photo: Monastery of St. Aurel",
        (
            "The manuscripts will be kept in a new climate-controlled room and shown to the "
            "public twice a year.",
            "The museum said its own research had shown that the books were sold without the "
            "monastery's consent.",
        ),
    ),
    DemoArticle(
        "orchestra-plays-in-metro-station",
        "culture",
        190,
        "Orchestra surprises commuters with a concert in a metro station",
        "Forty musicians of the city orchestra played at Central station during the evening "
        "rush hour to promote their free summer series.",
        ("Music", "Northgate"),
        "stage",
        "Musicians at Central station.",
        "Photo: Northgate City Orchestra",
        (
            "The 20-minute performance drew a crowd that filled the station's main hall.",
            "The summer series will include twelve open-air concerts in parks across the city.",
        ),
    ),
    # --- sport ------------------------------------------------------------------
    DemoArticle(
        "northgate-united-win-derby",
        "sport",
        16,
        "Northgate United win the derby with a late header",
        "A header from defender Milo Grant in the 89th minute gave United a 2-1 win over Port "
        "Alder Rovers and lifted them to second in the league.",
        ("Football", "Northgate United", "League"),
        "stadium",
        "Milo Grant celebrates his winning goal.",
        "Photo: Vestnik / Tom Lacey",
        (
            "Rovers took the lead in the first half through a penalty, but United equalised "
            "ten minutes after the break.",
            "The winning goal came from a corner. Grant rose above two defenders to head in his "
            "first goal of the season.",
            (
                "quote",
                "I don't score often, so I picked a good day for it.",
                "Milo Grant",
            ),
            "The attendance of 31,400 was the highest at the stadium this season.",
        ),
        byline="Tom Lacey",
    ),
    DemoArticle(
        "marathon-record-falls",
        "sport",
        36,
        "Course record falls at the Northgate marathon",
        "Kenyan-born local runner Ruth Achieng won the women's race in 2 hours 21 minutes, "
        "more than a minute under the previous record.",
        ("Athletics", "Marathon", "Northgate"),
        "city",
        "Runners cross the river at the halfway point.",
        "Photo: Northgate Marathon",
        (
            "About 14,000 runners finished the race, which was held in cool, dry weather.",
            "Achieng, who moved to the city as a teenager, said she had trained on the course "
            "every Sunday for a year.",
            ("quote", "I know every pothole on this route.", "Ruth Achieng"),
        ),
    ),
    DemoArticle(
        "national-team-names-squad",
        "sport",
        90,
        "National team names squad for qualifiers, with three new faces",
        "Coach Stefan Ilic called up two teenagers and a goalkeeper from the second division "
        "for next month's qualifying matches.",
        ("Football", "National team"),
        "stadium",
        "The national team in training.",
        "Photo: Football Federation",
        (
            "The team needs four points from its last two games to reach the finals.",
            ("teaser", "northgate-united-win-derby"),
            "Ilic said the new players had earned their places with their club form.",
        ),
    ),
    DemoArticle(
        "ski-season-opens-early",
        "sport",
        125,
        "Ski season opens two weeks early after heavy snowfall",
        "Resorts in the northern mountains opened their first slopes on Saturday, helped by "
        "60 centimetres of fresh snow.",
        ("Skiing", "Winter sports", "Weather"),
        "mountains",
        "The first skiers of the season at Hollin Peak.",
        "Photo: Hollin Peak Resort",
        (
            "Resort operators said bookings for the holidays were up 15 percent on last year.",
            "Avalanche warnings remain in place for off-piste areas.",
        ),
    ),
    DemoArticle(
        "basketball-club-new-arena",
        "sport",
        220,
        "Basketball club gets approval for a new arena",
        "Port Alder Sharks will move to a 9,000-seat arena on the waterfront in 2027, after "
        "the city council approved the plan.",
        ("Basketball", "Port Alder"),
        "stadium",
        "An aerial view of the proposed site.",
        "Photo: Port Alder Sharks",
        (
            "The club will pay for two thirds of the construction; the city will cover the rest "
            "in return for using the arena for concerts and events.",
            "Fans had campaigned for a new home for years. The current hall was built in 1971.",
        ),
    ),
    DemoArticle(
        "tennis-teen-reaches-final",
        "sport",
        48,
        "Sixteen-year-old reaches her first professional final",
        "Nora Lind beat the tournament's second seed in three sets to reach the final of the "
        "indoor championships in Lindfield.",
        ("Tennis",),
        "stadium",
        "Nora Lind during her semi-final.",
        "Photo: Vestnik / Tom Lacey",
        (
            "Lind, ranked 312th in the world, came through qualifying to reach the main draw.",
            "She will play the top seed in Sunday's final.",
        ),
    ),
    # --- scheduled and draft (never shown to readers until their time) ----------
    DemoArticle(
        "election-debate-schedule-announced",
        "politics",
        -30,
        "Broadcasters announce the schedule of mayoral debates",
        "Three televised debates will be held in April, the public broadcaster said.",
        ("Northgate", "Local elections"),
        None,
        "",
        "",
        ("The first debate will focus on transport and housing.",),
        status="scheduled",
    ),
    DemoArticle(
        "draft-interview-with-the-governor",
        "economy",
        0,
        "Draft: interview with the central bank governor",
        "Notes for an interview still being edited.",
        ("Central bank",),
        None,
        "",
        "",
        ("Questions to be confirmed.",),
        status="draft",
    ),
]

PRIVACY_POLICY = """\
## Who we are

This site is run by its publisher ("we"). This policy explains what personal data we
collect when you read the site, register an account or take part in discussions, why we
collect it, and the choices you have.

## What we collect

- **When you read the site:** no account is needed. We count page views without storing
  who viewed a page, and we do not use advertising trackers.
- **When you register:** your name, e-mail address and password (stored only as a secure
  hash), and a record of your consent: the version of this policy you agreed to, the time
  and the IP address.
- **When you comment:** the text of your comments, the time, and technical data needed to
  protect the community from abuse (the IP address and browser of the request).

## Why we use it

To run your account, to publish and moderate comments under our community standards, to
protect the site from spam and abuse, and to meet our legal obligations.

## Moderation

Comments are checked automatically against the community standards before they appear.
When a comment is held or removed, you receive a statement of reasons citing the rules
concerned. You may appeal to the moderators.

## How long we keep it

You can delete your account at any time. For 30 days after deletion you can restore it
with the link we send you; after that your personal data is purged for good and your
comments are anonymised or removed, as the publisher has chosen.

## Your rights

You may ask for a copy of your data, ask us to correct it, or ask us to delete it, by
writing to the moderators' address shown at the foot of every page.
"""

GALLERIES = [
    # (slug, title, kind, description, featured, hours_ago, [(scene, caption, credit), ...])
    (
        "this-week-in-pictures",
        "This Week in Pictures",
        "photos",
        "A tram line opens, a storm hits the coast and the ski season starts early: the week in photographs.",
        True,
        3,
        [
            (
                "city",
                "The first tram on Northgate's new line crosses the river.",
                "Photo: Vestnik / Marek Hale",
            ),
            (
                "sea",
                "Waves break over the harbour wall at Sandvik during the storm.",
                "Photo: Coast Guard",
            ),
            (
                "mountains",
                "First tracks of the season at Hollin Peak.",
                "Photo: Hollin Peak Resort",
            ),
            (
                "stadium",
                "Northgate United fans celebrate the late winner in the derby.",
                "Photo: Vestnik / Tom Lacey",
            ),
            (
                "forest",
                "Volunteers planted ten thousand trees at Eastfield.",
                "Photo: Eastfield Park Trust",
            ),
            (
                "stage",
                "The restored National Theatre on its opening night.",
                "Photo: National Theatre / Ada Berg",
            ),
        ],
    ),
    (
        "the-budget-in-one-picture",
        "The budget in one picture",
        "infographic",
        "Where next year's spending goes, in figures.",
        False,
        10,
        [("chart", "Spending by area, billions.", "Infographic: Vestnik")],
    ),
    (
        "cartoon-the-budget-night",
        "Cartoon: budget night",
        "cartoon",
        "Our cartoonist on the longest night in parliament.",
        False,
        14,
        [
            (
                "cartoon",
                '"It\'s in the budget... somewhere."',
                "Cartoon: Vestnik / Pia Rand",
            )
        ],
    ),
    (
        "markets-of-the-east",
        "Markets of the east",
        "photos",
        "Saturday markets from Lindfield to Port Alder.",
        False,
        60,
        [
            (
                "market",
                "Fruit stalls at Lindfield market.",
                "Photo: Vestnik / Irina Sokol",
            ),
            (
                "market",
                "The fish market at Port Alder opens at five in the morning.",
                "Photo: Vestnik / Irina Sokol",
            ),
            (
                "city",
                "The old market hall in Northgate.",
                "Photo: Vestnik / Irina Sokol",
            ),
        ],
    ),
    (
        "cartoon-the-phone-ban",
        "Cartoon: the phone ban",
        "cartoon",
        "Our cartoonist on phones in the classroom.",
        False,
        30,
        [
            (
                "cartoon",
                '"Can I at least keep the charger?"',
                "Cartoon: Vestnik / Pia Rand",
            )
        ],
    ),
    (
        "jobs-in-numbers",
        "Jobs in numbers",
        "infographic",
        "Unemployment at a record low: the figures behind the headline.",
        False,
        100,
        [("chart", "Unemployment rate by year, percent.", "Infographic: Vestnik")],
    ),
]
