"""Hand-curated, general world-knowledge lexicons for the topic classifier.

Each lexicon is a category name mapped to lowercase phrases (one or more tokens, matched on the
normalised token stream of :mod:`newsflow.processing.topics.text`). These are generic gazetteers and
vocabularies written from the labelling guidelines, not lists mined from any dataset.
"""

from __future__ import annotations


from newsflow.processing.topics.text import phrases as _phrases


# Sovereign states and common short forms, excluding the United States (handled as its own cue,
# since most English-language domestic news is American).
COUNTRIES = _phrases("""
afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria, azerbaijan,
bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia, bosnia,
botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon, canada, cape verde,
central african republic, chad, chile, china, colombia, comoros, congo, costa rica, ivory coast,
croatia, cuba, cyprus, czech republic, czechia, denmark, djibouti, dominican republic, ecuador,
egypt, el salvador, equatorial guinea, eritrea, estonia, eswatini, ethiopia, fiji, finland, france,
gabon, gambia, germany, ghana, greece, grenada, guatemala, guinea, guyana, haiti,
honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, jamaica, japan,
jordan, kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho,
liberia, libya, liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali,
malta, mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco,
mozambique, myanmar, burma, namibia, nauru, nepal, netherlands, new zealand, nicaragua, niger,
nigeria, north korea, north macedonia, macedonia, norway, oman, pakistan, palau, palestine, panama,
papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania, russia, rwanda,
samoa, san marino, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
slovenia, solomon islands, somalia, south africa, south korea, south sudan, spain, sri lanka, sudan,
suriname, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, timor-leste,
east timor, togo, tonga, trinidad, tunisia, turkey, turkiye, turkmenistan, tuvalu, uganda, ukraine,
united arab emirates, uae, united kingdom, uk, britain, great britain, england, scotland, wales,
uruguay, uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen, zambia, zimbabwe,
gaza, west bank, crimea, donbas, donbass, kashmir, tibet, xinjiang, hong kong, chechnya,
kurdistan, marshall islands, nagorno-karabakh, karabakh, golan heights, south china sea, korean peninsula
""")

# Demonyms / adjectives of states and peoples (again without "american").
DEMONYMS = _phrases("""
afghan, albanian, algerian, angolan, argentine, argentinian, armenian, australian, austrian,
azerbaijani, bahraini, bangladeshi, belarusian, belgian, bolivian, bosnian, brazilian, british,
bulgarian, burmese, cambodian, cameroonian, canadian, chilean, chinese, colombian, congolese,
croatian, cuban, cypriot, czech, danish, dutch, ecuadorian, egyptian, emirati, eritrean, estonian,
ethiopian, european, filipino, finnish, french, georgian, german, ghanaian, greek, guatemalan,
haitian, honduran, hungarian, icelandic, indian, indonesian, iranian, iraqi, irish, israeli,
italian, jamaican, japanese, jordanian, kazakh, kenyan, korean, kosovar, kurdish, kuwaiti, lao,
latvian, lebanese, liberian, libyan, lithuanian, malaysian, malian, maltese, mexican, moldovan,
mongolian, moroccan, mozambican, nepalese, nicaraguan, nigerian, nigerien, norwegian, omani,
pakistani, palestinian, panamanian, paraguayan, peruvian, polish, portuguese, qatari, romanian,
russian, rwandan, saudi, scottish, senegalese, serbian, singaporean, slovak, slovenian, somali,
spanish, sudanese, swedish, swiss, syrian, taiwanese, tajik, tanzanian, thai, tunisian, turkish,
ugandan, ukrainian, uruguayan, uzbek, venezuelan, vietnamese, welsh, yemeni, zambian, zimbabwean,
soviet, arab, philippine, marshallese, kurds, uyghur, uighur, rohingya, pashtun, sunni, shiite, shia, yazidi, tamil, tigrayan,
ukrainians, russians, israelis, palestinians, afghans, syrians, iraqis, iranians, chinese, koreans
""")

# Foreign capitals and seats of power used as metonyms for governments.
DEMONYMS = DEMONYMS | frozenset(
    d + "s" for d in DEMONYMS if " " not in d and not d.endswith(("s", "sh", "ch", "ese", "ss"))
)

CAPITALS = _phrases("""
kabul, tirana, algiers, buenos aires, yerevan, canberra, vienna, baku, dhaka, minsk, brussels,
brasilia, sofia, phnom penh, ottawa, santiago, beijing, bogota, havana, nicosia, prague, copenhagen,
cairo, tallinn, addis ababa, helsinki, paris, tbilisi, berlin, accra, athens, budapest,
reykjavik, new delhi, delhi, jakarta, tehran, baghdad, dublin, jerusalem, tel aviv, rome, tokyo,
amman, astana, nairobi, pristina, kuwait city, bishkek, vientiane, riga, beirut, tripoli, vilnius,
kuala lumpur, bamako, mexico city, chisinau, ulaanbaatar, rabat, naypyidaw, kathmandu, amsterdam,
the hague, wellington, managua, niamey, abuja, pyongyang, oslo, muscat, islamabad, ramallah,
manila, warsaw, lisbon, doha, bucharest, moscow, kigali, riyadh, dakar, belgrade, singapore,
bratislava, ljubljana, mogadishu, pretoria, seoul, juba, madrid, colombo, khartoum, stockholm,
bern, geneva, damascus, taipei, dushanbe, dodoma, bangkok, tunis, ankara, kampala, kyiv, kiev,
abu dhabi, dubai, london, montevideo, tashkent, caracas, hanoi, sanaa, lusaka, harare,
kremlin, downing street, elysee, zhongnanhai, whitehall, westminster
""")

# International organisations, blocs and alliances.
INTL_ORGS = _phrases("""
un, united nations, u n, security council, general assembly, nato, eu, european union,
european commission, european parliament, asean, g7, g-7, g20, g-20, african union, arab league,
opec, iaea, international atomic energy agency, icc, international criminal court,
international court of justice, icj, world health organization, wto, world trade organization,
imf, international monetary fund, world bank, unhcr, unicef, interpol, osce, brics, quad, aukus,
shanghai cooperation organisation, commonwealth, warsaw pact, red cross, amnesty international,
human rights watch, peacekeepers, peacekeeping, un secretary-general, secretary-general,
whoorg, guterres, nato secretary-general, stoltenberg, eurozone, schengen, brussels summit
""")

# Heads of foreign governments and prominent foreign officials (names as generic knowledge).
FOREIGN_LEADERS = _phrases("""
putin, vladimir putin, zelensky, zelenskyy, volodymyr zelensky, volodymyr zelenskyy, xi jinping,
xi, kim jong un, kim jong-un, erdogan, netanyahu, modi, narendra modi, macron, emmanuel macron,
merkel, angela merkel, scholz, olaf scholz, boris johnson, theresa may, rishi sunak, liz truss,
trudeau, justin trudeau, lavrov, sergey lavrov, sergei lavrov, assad, bashar al-assad, khamenei,
raisi, rouhani, bolsonaro, lula, maduro, duterte, marcos, kishida, fumio kishida, abe,
shinzo abe, moon jae-in, yoon suk yeol, imran khan, shehbaz sharif, ghani, lukashenko,
orban, viktor orban, draghi, meloni, sanchez, mbs, mohammed bin salman, salman, bennett,
lapid, abbas, mahmoud abbas, haniyeh, nasrallah, kadyrov, shoigu, medvedev, prigozhin,
navalny, tsai ing-wen, albanese, morrison, jacinda ardern, ardern, amlo, lopez obrador,
ramaphosa, abiy, abiy ahmed, kagame, museveni, sisi, el-sisi, gaddafi, saddam, saddam hussein,
bin laden, osama bin laden, taliban leader, al-baghdadi, ayatollah, dalai lama,
evo morales, morales, guaido, juan guaido, tsikhanouskaya, le pen, marine le pen, bongbong marcos,
ferdinand marcos, widodo, jokowi, hun sen, aung san suu kyi, suu kyi, min aung hlaing, khashoggi,
tony blair, blair, gordon brown, david cameron, chirac, jacques chirac, schroeder, gerhard schroeder,
ariel sharon, arafat, yasser arafat, kofi annan, annan, musharraf, karzai, ahmadinejad, hu jintao,
koizumi, yeltsin, gorbachev, stalin, zelenska, kuleba, stoltenberg, von der leyen, ursula von der
leyen, borrell, tedros, john bolton, bolton, kushner, jared kushner, navalny, kim yo jong,
mbs, crown prince mohammed, erdoğan, pashinyan, aliyev, tokayev, xi's, kremlin's
""")

# Diplomacy and foreign-policy vocabulary.
DIPLOMACY = _phrases("""
diplomat, diplomats, diplomatic, diplomacy, ambassador, ambassadors, embassy, embassies, consulate,
envoy, envoys, summit, summits, bilateral, multilateral, treaty, treaties, accord, accords,
foreign minister, foreign ministers, foreign ministry, foreign secretary, foreign policy,
foreign affairs, secretary of state, state department, blinken, antony blinken, pompeo,
mike pompeo, kerry, tillerson, national security adviser, state visit, official visit,
talks, peace talks, peace deal, peace plan, peace process, negotiations, negotiators, ceasefire,
cease-fire, truce, armistice, alliance, allies, ally, allied, strategic partnership, partnership,
cooperation, ties, relations, normalization, normalisation, recognition, sovereignty,
sovereign, territorial, territory, annexation, annex, annexed, annexes, occupation, occupied,
border, borders, border dispute, maritime dispute, disputed, expel, expels, expelled, expulsion,
retaliation, retaliate, retaliates, condemns, condemn, condemned, rebuke, tensions, rapprochement,
geopolitical, geopolitics, superpower, world leaders, heads of state, head of state, regime,
regimes, regime change, coup, coups, junta, dictator, dictatorship, autocrat, autocratic,
authoritarian, dissident, dissidents, opposition leader, referendum, independence, separatist,
separatists, secession, breakaway, refugees, refugee, asylum seekers, migrants, humanitarian
corridor, evacuation, evacuate, president xi, president putin, foreign,
extradition, extradite, hostage, hostages, prisoner swap, prisoner exchange, detained american,
aid, foreign aid, humanitarian aid, hostage release, espionage, spy, spies, spying, intelligence, cia, mi6, kgb, fsb, mossad, surveillance balloon,
interference, meddling, cyberattack, cyberattacks, hackers, hack, hacking, hacked, state-sponsored, propaganda,
disinformation, visa, visas, deportation, deported
""")

# War, military and security vocabulary.
MILITARY = _phrases("""
war, wars, warfare, wartime, invasion, invade, invaded, invades, invading, invaders, offensive,
counteroffensive, counter-offensive, troops, soldiers, soldier, army, armies, military, militaries,
navy, naval, air force, airstrike, airstrikes, air strike, air strikes, strike, strikes, missile,
missiles, rocket, rockets, drone, drones, shelling, shelled, bombardment, bombing, bombings,
bombed, artillery, tanks, tank, fighter jets, warplanes, warship, warships, aircraft carrier,
submarine, submarines, weapons, weapon, arms, arms deal, arms sales, munitions, ammunition,
nuclear, nukes, warhead, warheads, ballistic, icbm, hypersonic, enrichment, uranium,
nuclear deal, nuclear program, nuclear programme, denuclearization, defense, defence, defense
minister, defence minister, defense secretary, pentagon, ministry of defence, military aid,
security assistance, deploy, deployed, deployment, mobilization, mobilisation, conscription,
draft, battle, battles, battlefield, frontline, front line, front lines, siege, besieged,
captured, recapture, retake, retreat, withdraw, withdrawal, occupation forces, militants,
militant, insurgents, insurgency, insurgent, rebels, rebel, guerrilla, militia, militias,
jihadist, jihadists, extremists, terror, terrorist, terrorists, terrorism, taliban, hamas,
hezbollah, isis, islamic state, al-qaeda, al qaeda, al-shabab, boko haram, houthi, houthis,
wagner, mercenaries, paramilitary, war crimes, war crime, genocide, ethnic cleansing, atrocities,
massacre, civilians, casualties, ceasefire violation, armed conflict, conflict,
hostilities, escalation, escalate, de-escalation, annexation, occupied territories, blockade,
no-fly zone, martial law, mobilize, military exercise, military exercises, drills, war games,
joint exercise, arms race, buildup, build-up, deterrence, deterrent, peacekeeping mission,
commander, commanders, general, generals, admiral, marines, special forces, special operation,
special military operation, chemical weapons, biological weapons, cluster munitions, landmines
""")

# Sanctions and economic statecraft.
SANCTIONS = _phrases("""
sanction, sanctions, sanctioned, embargo, embargoes, export controls, export ban, blacklist,
blacklisted, tariff, tariffs, trade war, trade wars, trade deal, trade talks, trade dispute,
trade agreement, free trade agreement, asset freeze, frozen assets, oligarch, oligarchs,
huawei, zte, export curbs, chip ban, price cap, oil embargo, gas supplies, pipeline, nord stream, swift, default on debt
""")

CONFLICT_ZONES = _phrases("""
ukraine, russia, kyiv, kiev, mariupol, kharkiv, kherson, donetsk, luhansk, bakhmut, odesa, odessa,
zaporizhzhia, lviv, bucha, crimea, donbas, syria, aleppo, idlib, iraq, mosul, afghanistan,
yemen, gaza, west bank, israel, lebanon, libya, sudan, darfur, tigray, ethiopia, somalia, mali,
myanmar, north korea, pyongyang, iran, taiwan, south china sea, kashmir, nagorno-karabakh
""")

# The United States as an actor (kept separate: frequent in domestic news too).
US_REFS = _phrases("""
usa, united states, america, american, americans, washington, white house, biden, joe biden,
trump, donald trump, obama, barack obama, bush, president biden, president trump, administration
""")

# Domestic (mostly U.S.) politics and institutions.
DOMESTIC_POLITICS = _phrases("""
congress, congressional, congressman, congresswoman, senate, senator, senators, house,
house of representatives, speaker, lawmakers, lawmaker, legislature, legislative, legislators,
state legislature, governor, governors, gov, mayor, city council, county, bill, bills,
legislation, law, laws, ordinance, filibuster, gop, republican, republicans, democrat,
democrats, democratic, dems, party, primary, primaries, midterm, midterms, election, elections,
ballot, ballots, voters, voter, voting, polls, poll, campaign, campaigns, candidate, candidates,
caucus, redistricting, gerrymandering, impeachment, impeach, impeached, jan 6, jan. 6,
january 6, capitol riot, insurrection, supreme court, justices, justice, scotus, roe,
roe v wade, abortion, gun control, gun laws, medicaid, medicare, social security, stimulus,
tax, taxes, budget, shutdown, debt ceiling, infrastructure bill, pelosi, mcconnell, schumer,
mccarthy, desantis, newsom, abbott, cuomo, aoc, ocasio-cortez, marjorie taylor greene, cruz,
ted cruz, sanders, bernie sanders, warren, harris, kamala harris, pence, mike pence, manchin,
sinema, cheney, liz cheney, mcconnell, fbi, doj, justice department, attorney general,
indictment, indicted, subpoena, hearing, testimony, committee, panel, parliament, mps, mp,
labour, tories, tory, conservative, conservatives, liberal, liberals, progressive, progressives,
parliamentary, cabinet, minister
""")

US_STATES = _phrases("""
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia,
hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland,
massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada,
new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio, oklahoma,
oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas, utah,
vermont, virginia, west virginia, wisconsin, wyoming, chicago, los angeles, houston, phoenix,
philadelphia, san antonio, san diego, dallas, austin, san francisco, seattle, denver, boston,
detroit, atlanta, miami, new orleans, las vegas, portland, baltimore, brooklyn, manhattan,
nyc, d c, dc, pittsburgh, cleveland, st louis, minneapolis, tampa, orlando, sacramento, ala,
calif, fla, mich, tenn, wis
""")

# A famous person's private life, image and persona, in facets the model can weigh separately.
CELEB_ROMANCE = _phrases("""
dating, dates, date night, romance, romantic, boyfriend, girlfriend, beau, bf, gf, husband, wife,
hubby, fiance, fiancee, fiancé, fiancée, engaged, engagement, engagement ring, proposes, proposal,
wedding, weddings, married, marries, marry, tie the knot, ties the knot, honeymoon, anniversary,
split, splits, breakup, break up, breaks up, broke up, divorce, divorces, divorcing, divorced,
separation, separated, custody, ex, ex-wife, ex-husband, exes, cheating, cheated, affair,
paparazzi, spotted, cozy, packs on pda, pda, kiss, kisses, make out, makes out, made out, hook up,
hooked up, love triangle, in love, crush, hug, estranged
""")

CELEB_FAMILY = _phrases("""
pregnant, pregnancy, baby bump, expecting, welcomes, welcome baby, baby girl, baby boy, newborn,
gives birth, son, daughter, daughters, sons, kids, mom, dad, mother, father, twins, family,
birthday, celebrates, celebrated, celebrating, reunion, reunite, reunites, reunited, friendship,
bff, bestie, mansion, lists home, net worth
""")

CELEB_IMAGE = _phrases("""
body, body-shaming, selfie, instagram, insta, tiktok, posts, photo, photos, pic, pics, bikini,
swimsuit, nude, naked, makeup-free, look, looks, outfit, outfits, dress, gown, stuns, stunning,
dazzles, wows, red carpet, met gala, fashion, style, hair, haircut, lookalike, magazine cover,
cover star, vogue, people magazine, weight loss
""")

CELEB_DRAMA = _phrases("""
feud, feuding, slams, blasts, claps back, shades, throws shade, drama, reveals, opens up,
gets candid, candid, confesses, admits, recalls, jokes, gushes, teases, praises, defends,
responds, apologizes, apology, scandal, scandals, controversy, cancelled, canceled, backlash,
fans, fan, co-star, costar, co-stars, costars, memoir, interview, podcast
""")

CELEB_HEALTH_TRIBUTE = _phrases("""
tribute, pays tribute, honors, remembers, mourns, rip, dies at, died at, dead at, passes away,
memorial, funeral, health update, hospitalized, collapses, collapsed on stage, on stage, onstage,
tests positive, diagnosis, diagnosed, cancer, battle with, sobriety, sober, rehab, leukemia, tumor,
stroke, heart attack, surgery, health scare, honored, honoured, lifetime achievement, hall of fame,
wins best, best actress, best actor, acceptance speech
""")

CELEB_LEGAL = _phrases("""
lawsuit, sues, sued, arrested, arrest, charged, trial, testifies, court, restraining order,
allegations, accused, accuser, sexual assault, harassment
""")

CELEB_LIFE = CELEB_ROMANCE | CELEB_FAMILY | CELEB_IMAGE | CELEB_DRAMA | CELEB_HEALTH_TRIBUTE | CELEB_LEGAL


# Celebrity roles and show-business identity words.
CELEB_ROLES = _phrases("""
star, stars, superstar, celebrity, celebrities, celeb, celebs, actor, actress, actors, actresses,
singer, singers, rapper, rappers, pop star, popstar, musician, comedian, comic, host, tv host,
talk show host, model, supermodel, influencer, youtuber, reality star, diva, icon, legend,
heartthrob, a-lister, hollywood, grammy winner, oscar winner, emmy winner, frontman, band member,
director, filmmaker, producer, songwriter, dancer, bachelor, bachelorette, housewife, housewives
""")

# Reality TV, talk shows and other personality-driven franchises.
REALITY_TV = _phrases("""
reality tv, reality show, real housewives, rhobh, rhoc, rhony, vanderpump rules, vanderpump,
bachelor nation, the bachelor, the bachelorette, bachelor in paradise, love island, big brother,
survivor, keeping up with the kardashians, the kardashians, kardashian, kardashians, jenner,
jenners, kardashian-jenner, jersey shore, teen mom, 90 day fiance, 90 day fiancé, dancing with the
stars, dwts, american idol, the voice, america's got talent, x factor, below deck, selling sunset,
love is blind, married at first sight, the masked singer, drag race, rupaul, southern charm,
summer house, the hills, duck dynasty, sister wives, little people
""")

# Royals as people.
ROYALS = _phrases("""
royal, royals, royal family, the royals, prince, princess, duke, duchess, queen, king,
prince harry, harry, meghan, meghan markle, markle, duchess of sussex, duke of sussex, sussexes,
prince william, william, kate, kate middleton, duchess of cambridge, princess of wales,
prince of wales, prince charles, king charles, queen elizabeth, queen camilla, camilla,
prince george, princess charlotte, prince louis, archie, lilibet, prince andrew, fergie,
sarah ferguson, princess diana, diana, princess beatrice, princess eugenie, zara tindall,
buckingham palace, kensington palace, sandringham, balmoral, frogmore, monarch, monarchy,
crown, jubilee, platinum jubilee, coronation, queen consort, lady di
""")

# Entertainment industry (not personal): box office, releases, ratings, reviews.
ENT_INDUSTRY = _phrases("""
box office, opening weekend, grosses, grossing, ticket sales, trailer, teaser, first look,
release date, premiere date, premieres, premiere, season, seasons, episode, episodes, finale,
season finale, series, sequel, prequel, spinoff, spin-off, reboot, remake, franchise, renewed,
cancels, streaming, netflix, hulu, disney+, hbo, hbo max, amazon prime video, apple tv, paramount+,
peacock, ratings, viewers, viewership, nielsen, review, reviews, critics, recap, soundtrack, album,
single, tour, concert, festival, lineup, broadway, musical, play, box-office, blockbuster, movie,
movies, film, films, documentary, docuseries, tv show, show, sitcom, drama series, anime, comics,
marvel, dc, star wars, game of thrones, nominations, nominees, nominated, winners list, snubs,
oscars, emmys, grammys, golden globes, tonys, bafta, cannes, sundance, billboard, chart, charts
""")

# Shopping, deals and advertising.
DEALS = _phrases("""
deal, deals, sale, sales, on sale, discount, discounts, discounted, coupon, coupons, promo,
promo code, code, off, save, saving, savings, bargain, bargains, cheap, cheapest, price drop,
lowest price, best price, prime day, black friday, cyber monday, amazon, walmart, target, costco,
best buy, shop, shopping, buy, worth, for just, only, free shipping, bestseller, best-selling,
must-have, gift, gifts, gift guide, gift ideas, review, reviewed, tested, we tried, editors,
products, product, skincare, mattress, sneakers, under, reg
""")

SPORTS = _phrases("""
game, games, match, matches, season, playoff, playoffs, postseason, championship, championships,
tournament, final, finals, semifinal, semifinals, quarterfinal, league, cup, world cup, olympics,
olympic, paralympics, medal, medals, gold medal, team, teams, coach, coaches, head coach,
quarterback, qb, pitcher, striker, goalkeeper, midfielder, defender, forward, guard, rookie,
draft pick, nfl, nba, mlb, nhl, mls, ncaa, wnba, pga, lpga, nascar, ufc, wwe, fifa, uefa,
premier league, champions league, la liga, serie a, bundesliga, super bowl, world series,
stanley cup, wimbledon, us open, french open, australian open, grand slam, touchdown, touchdowns,
goal, goals, homer, home run, inning, innings, rebounds, assists, points, scored, scores, score,
win, wins, won, beat, beats, defeat, defeats, defeated, loss, losses, victory, vs, v, matchup,
lineup, roster, injury, injured, contract, signs, traded, trade deadline, free agent, mvp,
stadium, fans, tennis, golf, soccer, football, basketball, baseball, hockey, cricket, rugby,
boxing, racing, f1, formula one, grand prix, marathon, athlete, athletes, player, players
""")

DISASTER_CRIME = _phrases("""
earthquake, quake, tsunami, flood, floods, flooding, floodwaters, hurricane, typhoon, cyclone,
storm, storms, tornado, tornadoes, wildfire, wildfires, fire, fires, blaze, heat wave, heatwave,
drought, landslide, avalanche, volcano, eruption, blizzard, snowstorm, crash, crashes, plane crash,
derailment, collapse, collapsed, explosion, blast, accident, drowned, drowning, rescue, rescued,
rescuers, missing, search, victims, injured, dead, death toll, killed, dies, died, shooting,
shootings, shooter, gunman, gunmen, stabbing, stabbed, murder, murders, murdered, homicide,
police, cops, officer, officers, sheriff, arrested, arrest, suspect, suspects, charged, jail,
prison, sentenced, sentence, convicted, robbery, theft, stolen, kidnapped, kidnapping, fraud,
smuggling, trafficking, drug, drugs, cartel, gang, gangs, outbreak, pandemic, covid, covid-19,
coronavirus, virus, vaccine, vaccines, vaccination, lockdown, cases, hospital, hospitals
""")

BUSINESS_TECH = _phrases("""
company, companies, firm, firms, stock, stocks, shares, market, markets, wall street, dow,
nasdaq, s&p, investors, investor, earnings, profit, profits, revenue, quarter, quarterly, ceo,
executive, executives, inflation, interest rates, fed, federal reserve, recession, economy,
economic, jobs, unemployment, layoffs, hiring, workers, union, strike, prices, price, gas prices,
mortgage, housing, real estate, bank, banks, banking, crypto, bitcoin, startup, merger,
acquisition, acquire, ipo, tech, technology, apple, google, microsoft, meta, facebook, amazon,
tesla, twitter, elon musk, musk, iphone, app, apps, software, ai, artificial intelligence,
chip, chips, science, scientists, study, research, researchers, nasa, space, climate, climate
change, emissions, carbon, energy, oil, gas, electric, ev, car, cars, automaker, recall, airline,
airlines, flight, flights, travel, recipe, recipes, food, restaurant, health, wellness, diet
""")


# Well-known entertainers, musicians, TV personalities, influencers and sports stars as public
# personas (general knowledge of the 2010s-2020s; surnames alone only when unambiguous).
FAMOUS_PEOPLE = _phrases("""
adele, ariana grande, ashton kutcher, mila kunis, angelina jolie, brad pitt, jennifer aniston,
jennifer lopez, j lo, jlo, ben affleck, matt damon, jennifer garner, johnny depp, amber heard,
kim kardashian, kourtney kardashian, khloe kardashian, kylie jenner, kendall jenner, kris jenner,
caitlyn jenner, kanye west, kanye, travis barker, travis scott, pete davidson, taylor swift,
selena gomez, justin bieber, hailey bieber, miley cyrus, billy ray cyrus, liam hemsworth,
chris hemsworth, beyonce, jay-z, jay z, rihanna, asap rocky, a$ap rocky, drake, nicki minaj,
cardi b, megan thee stallion, lizzo, doja cat, billie eilish, olivia rodrigo, dua lipa,
harry styles, ed sheeran, shawn mendes, camila cabello, katy perry, orlando bloom, lady gaga,
britney spears, christina aguilera, jessica simpson, nick lachey, mariah carey, celine dion,
madonna, cher, dolly parton, shania twain, reba mcentire, blake shelton, gwen stefani,
miranda lambert, carrie underwood, kelly clarkson, jennifer hudson, demi lovato, jonas brothers,
nick jonas, joe jonas, priyanka chopra, sophie turner, zendaya, tom holland, timothee chalamet,
leonardo dicaprio, tom cruise, katie holmes, nicole kidman, keith urban, hugh jackman,
ryan reynolds, blake lively, ryan gosling, eva mendes, emma stone, margot robbie, scarlett
johansson, colin jost, chris pratt, anna faris, katherine schwarzenegger, arnold schwarzenegger,
sylvester stallone, dwayne johnson, will smith, jada pinkett smith, jaden smith,
chris rock, kevin hart, denzel washington, oprah, oprah winfrey, gayle king, ellen degeneres,
portia de rossi, jimmy fallon, tom hanks, rita wilson, julia roberts, sandra bullock,
reese witherspoon, gwyneth paltrow, chris martin, kate hudson, goldie hawn, kurt russell,
jennifer lawrence, kristen stewart, robert pattinson, emma watson, daniel radcliffe,
meryl streep, viola davis, halle berry, jamie lee curtis, jamie foxx, kate beckinsale,
kate winslet, keanu reeves, jason momoa, lisa bonet, zoe kravitz, lenny kravitz, channing tatum,
jenna dewan, ben stiller, adam sandler, jim carrey, will ferrell, seth rogen, jonah hill,
amy schumer, tiffany haddish, mindy kaling, bj novak, chrissy teigen, john legend, gigi hadid,
bella hadid, zayn malik, kendall, hailey, heidi klum, tyra banks, naomi campbell, kate moss,
cara delevingne, paris hilton, nicole richie, lindsay lohan, jessica alba, eva longoria,
sofia vergara, joe manganiello, salma hayek, penelope cruz, javier bardem, antonio banderas,
jennifer coolidge, sarah jessica parker, kim cattrall, cynthia nixon, jennifer love hewitt,
shannen doherty, tori spelling, megan fox, machine gun kelly, mgk,
kourtney, scott disick, tristan thompson, lamar odom, blac chyna, rob kardashian, north west,
kim k, lauren sanchez, grimes, melania, melania trump, first lady, ivanka, amber rose,
wiz khalifa, snoop dogg, eminem, dr dre, 50 cent, diddy, sean combs, p diddy, lil nas x,
lil wayne, young thug, gunna, kodak black, tekashi 6ix9ine, 6ix9ine, r kelly, r. kelly,
chris brown, bill cosby, harvey weinstein, kevin spacey, jussie smollett, ezra miller,
armie hammer, alec baldwin, hilaria baldwin, ireland baldwin, johnny knoxville, josh duggar, duggar, lisa vanderpump, andy cohen, teresa
giudice, kyle richards, lisa rinna, bethenny frankel, nene leakes, kim zolciak, porsha williams,
erika jayne, lala kent, stassi schroeder, jax taylor, brittany
cartwright, snooki, jwoww, the situation, farrah abraham, jenelle evans, maci bookout,
kailyn lowry, chelsea houska, tammy slaton, amy slaton, matt roloff, kody brown, meri brown,
christine brown, janelle brown, robyn brown, colton underwood, hannah brown, clayton echard,
rachel lindsay, katie thurston, michelle young, tayshia adams, chris harrison, jesse palmer,
jojo fletcher, becca kufrin, arie luyendyk, peter weber, matt james, ben higgins, kaitlyn bristowe,
jason tartick, nick viall, jenna johnson, val chmerkovskiy, derek hough, julianne hough,
simon cowell, paula abdul, ryan seacrest, kelly ripa, mark consuelos, hoda kotb, savannah guthrie,
matt lauer, whoopi goldberg, joy behar, meghan mccain, wendy williams, dr phil, dr oz,
sharon osbourne, ozzy osbourne, kelly osbourne, jack osbourne, elton john, mick jagger,
paul mccartney, ringo starr, bruce springsteen, bon jovi, jon bon jovi, steven tyler,
axl rose, dave grohl, michael jackson, paris jackson, janet jackson, whitney houston,
bobbi kristina, lisa marie presley, priscilla presley, elvis, riley keough, austin butler,
tom brady, gisele bundchen, gisele, aaron rodgers, shailene woodley, russell wilson, ciara,
patrick mahomes, brittany mahomes, travis kelce, serena williams, venus williams, naomi osaka,
simone biles, lebron james, kobe bryant, vanessa bryant, shaquille o'neal, shaq, michael jordan,
tiger woods, cristiano ronaldo, lionel messi, david beckham, victoria beckham, brooklyn beckham,
nicola peltz, romeo beckham, floyd mayweather, conor mcgregor, khloe, kylie, kim kardashian west,
charlie sheen, denise richards, jamie spears, lynne spears, jamie lynn spears,
sam asghari, kevin federline, justin timberlake, jessica biel, jennifer garner, courteney cox,
lisa kudrow, matthew perry, david schwimmer, matt leblanc, friends reunion, sarah paulson,
anne hathaway, natalie portman, charlize theron, drew barrymore, cameron diaz, jennifer lopez,
alex rodriguez, a-rod, jlo, bennifer, vanderpump, kardashian west, betty white, bob saget,
john stamos, candace cameron bure, lori loughlin, mossimo giannulli, olivia jade,
jeopardy host, ken jennings, mayim bialik, meghan trainor, jason aldean, morgan wallen,
luke bryan, kane brown, jelly roll, post malone, the weeknd, bad bunny, shakira, pique,
j balvin, karol g, anitta, bts, blackpink, jungkook, kpop star
""")

# More well-known personalities (film, TV, comedy, music, sport, fashion), general knowledge.
FAMOUS_PEOPLE = FAMOUS_PEOPLE | _phrases("""
diane keaton, goldie hawn, barbra streisand, bette midler, liza minnelli,
julie andrews, judi dench, helen mirren, maggie smith, emma thompson, kate beckinsale, keira
knightley, carey mulligan, florence pugh, jennifer coolidge, sandra oh, lucy liu, awkwafina,
michelle yeoh, ke huy quan, brendan fraser, colin farrell, jamie dornan, cillian murphy,
benedict cumberbatch, tom hiddleston, idris elba, daniel craig, rachel weisz, pierce brosnan,
hugh grant, colin firth, jude law, ewan mcgregor, ralph fiennes, gary oldman, anthony hopkins,
michael caine, ian mckellen, patrick stewart, harrison ford, mark hamill, carrie fisher, al pacino,
robert de niro, jack nicholson, dustin hoffman, morgan freeman, samuel l jackson, clint eastwood,
kevin costner, mel gibson, sean penn, george clooney, amal clooney, julia louis-dreyfus,
jerry seinfeld, larry david, chris rock, eddie murphy, martin lawrence,
steve martin, martin short, tina fey, amy poehler, maya rudolph, kristen wiig, melissa mccarthy,
rebel wilson, sarah silverman, kathy griffin, chelsea handler, rosie o'donnell,
quentin tarantino, steven spielberg, martin scorsese, christopher nolan, james
cameron, greta gerwig, guillermo del toro, spike lee, tyler perry, jordan peele,
ryan coogler, chadwick boseman, michael b jordan, lupita nyong'o, jonathan majors, zoe saldana,
gal gadot, henry cavill, ben affleck, robert downey jr, chris evans, mark ruffalo, jeremy renner,
paul rudd, tom hardy, jake gyllenhaal, anne hathaway, amy adams, jessica chastain, natalie
portman, mila kunis, kristen bell, dax shepard, jenna fischer, steve carell, emily blunt, mary-kate olsen, ashley olsen, sebastian stan, florence welch,
pedro pascal, oscar isaac, adam driver, anya taylor-joy, sydney sweeney, jenna ortega,
millie bobby brown, finn wolfhard, jacob elordi, austin butler, paul mescal,
regina king, angela bassett, octavia spencer, taraji p henson, queen latifah, mary j blige,
missy elliott, lil kim, janet jackson, jennifer hudson, alicia keys, usher, john legend, pharrell,
kendrick lamar, j cole, tyler the creator, frank ocean, sza, lizzo, halsey, sia, pink, p!nk,
avril lavigne, alanis morissette, sheryl crow, stevie nicks, fleetwood mac, joni mitchell,
neil young, bob dylan, paul simon, billy joel, rod stewart, tina turner, aretha franklin,
eric clapton, keith richards, rolling stones, the beatles, u2, bono, coldplay,
metallica, kiss, aerosmith, foo fighters, red hot chili peppers, nirvana,
courtney love, marilyn manson, kid rock, willie nelson, garth brooks, trisha yearwood, tim mcgraw,
faith hill, keith urban, kacey musgraves, luke combs, chris stapleton, dierks bentley, brad paisley,
jason aldean, naomi judd, wynonna judd, ashley judd, loretta lynn, wynonna, kelsea ballerini,
maren morris, lady a, the chicks, dixie chicks, taylor hanson, nick carter, aaron carter,
backstreet boys, nsync, lance bass, spice girls, mel b, geri halliwell, one direction, louis
tomlinson, niall horan, liam payne, little mix, jessie j, charli xcx, lorde, rosalia, maluma,
daddy yankee, ozuna, ricky martin, marc anthony, gloria estefan, enrique iglesias, pitbull,
tiger, rory mcilroy, kevin durant, stephen curry, ayesha curry,
kyrie irving, giannis, dennis rodman, magic johnson, charles barkley, tony romo, odell beckham,
antonio brown, colin kaepernick, deshaun watson, dak prescott, derek jeter, alex rodriguez,
tom brady's, peyton manning, eli manning, j j watt, rob gronkowski, michael phelps, ryan lochte,
shaun white, lindsey vonn, mikaela shiffrin, megan rapinoe, alex morgan, caitlyn, bruce jenner,
mike tyson, muhammad ali, floyd, logan paul, jake paul, kim kardashian's, khloe kardashian's,
elizabeth holmes, martha stewart, paris hilton's, kourtney kardashian's,
terry bradshaw, howie mandel, jay leno, david spade, norm macdonald, gilbert
gottfried, bob odenkirk, bryan cranston, aaron paul, jon hamm, elisabeth moss, sarah jessica,
matthew mcconaughey, woody harrelson, owen wilson, vince vaughn, jack black, pete davidson's, bowen yang, keenan thompson, lorne michaels, mariska hargitay, ice-t, ice cube,
queen elizabeth's, meghan markle's, prince harry's, the weeknd's, rihanna's
""")

# Late-night and satirical TV hosts: their monologues about politics are comedy news ("other").
LATE_NIGHT = _phrases("""
jimmy kimmel, kimmel, stephen colbert, colbert, trevor noah, daily show, the daily show,
jimmy fallon, tonight show, seth meyers, late night, late-night, late show, john oliver,
last week tonight, james corden, late late show, bill maher, saturday night live, snl,
samantha bee, jordan klepper, klepper, hasan minhaj, jon stewart, conan o'brien, conan,
david letterman, letterman, greg gutfeld, gutfeld, amber ruffin, lilly singh, desus, monologue, roasts, mocks, trolls, comedian, sketch, parody, spoof, hilarious,
funniest tweets, jokes
""")

# Elections, leadership and regime changes (geopolitical when about a foreign country).
LEADERSHIP = _phrases("""
election, elections, vote, votes, voted, voting, polls, runoff, presidency, president, presidential,
prime minister, premier, chancellor, leader, leaders, leadership, interim, interim leader,
opposition, ruling party, parliament, parliamentary, coalition, government, regime, coup,
sworn in, inauguration, resigns, resignation, ousted, toppled, successor, dictator, strongman,
junta, monarch, king, emperor, cabinet, minister, ministers, candidate, candidates,
national election, general election, snap election, head of government
""")

# TV news anchors and pundits as personalities (their careers, feuds and exits).
MEDIA_PERSONALITIES = _phrases("""
tucker carlson, sean hannity, hannity, laura ingraham, ingraham, megyn kelly, don lemon,
chris cuomo, anderson cooper, rachel maddow, maddow, joe scarborough, mika brzezinski,
bill o'reilly, o'reilly, piers morgan, chris wallace, lester holt, david muir, norah o'donnell,
george stephanopoulos, robin roberts, michael strahan, al roker, jenna bush hager, hoda,
jake tapper, wolf blitzer, brian williams, katie couric, diane sawyer, barbara walters,
ellen, dr. phil, judge judy, steve harvey, martha stewart, gordon ramsay, guy fieri, ina garten,
rachael ray, joanna gaines, chip gaines, joe rogan, alex jones, candace owens, tomi lahren,
howard stern, ryan seacrest, anchor, news anchor, tv personality, pundit
""")

# Large foreign cities and regions that are not capitals (excluding the big football-club cities,
# which mostly appear in sports news).
FOREIGN_CITIES = _phrases("""
wuhan, shanghai, guangzhou, shenzhen, chongqing, chengdu, tianjin, harbin, macau, hong kong,
mumbai, bombay, kolkata, chennai, bangalore, bengaluru, hyderabad, karachi, lahore, peshawar,
quetta, rawalpindi, kandahar, herat, mazar-i-sharif, jalalabad, istanbul, izmir, vladivostok, novosibirsk, yekaterinburg, belgorod, kursk, grozny, sevastopol,
kharkiv, dnipro, mykolaiv, izyum, irpin, kramatorsk, sloviansk, melitopol, severodonetsk,
aleppo, homs, raqqa, deir ez-zor, mosul, basra, fallujah, kirkuk, erbil, tikrit, najaf, karbala,
benghazi, misrata, aden, hodeidah, marib, jeddah, mecca, medina, haifa, hebron, nablus, jenin,
rafah, khan younis, sderot, isfahan, mashhad, tabriz, osaka, kyoto, hiroshima, nagasaki, okinawa,
busan, incheon, kaesong, yangon, mandalay, ho chi minh city, saigon, cebu, davao, mindanao,
sydney, melbourne, toronto, vancouver, montreal, rio de janeiro, sao paulo, guadalajara,
monterrey, tijuana, juarez, ciudad juarez, culiacan, lagos, kano, johannesburg, cape town,
durban, mombasa, goma, khartoum, timbuktu, darfur, tigray, amhara, oromia, xinjiang, tibet,
inner mongolia, kashmir, punjab, balochistan, chechnya, dagestan, transnistria, abkhazia,
south ossetia, catalonia, basque, kurdistan, rojava, sinai, golan, siberia, taiwan strait
""")

from . import gazetteer_people as _gaz  # noqa: E402  (general-knowledge name gazetteers)

# Name gazetteers (see :mod:`newsflow.processing.topics.gazetteer_people`): people and groups of 2015-2022.
GAZETTEERS: dict[str, frozenset[str]] = {
    "gaz_entertainer": _gaz.ENTERTAINERS | _gaz.ENTERTAINER_SURNAMES,
    "gaz_royal": _gaz.ROYAL_PEOPLE | _gaz.ROYAL_SURNAMES,
    "gaz_athlete": _gaz.ATHLETES,
    "gaz_official": _gaz.WORLD_OFFICIALS | _gaz.OFFICIAL_SURNAMES,
    "gaz_us_security": _gaz.US_FOREIGN_POLICY,
    "gaz_militant": _gaz.MILITANT_GROUPS,
    "gaz_us_politician": _gaz.US_POLITICIANS | _gaz.US_POLITICIAN_SURNAMES,
}

LEXICONS: dict[str, frozenset[str]] = {
    "country": COUNTRIES,
    "demonym": DEMONYMS,
    "capital": CAPITALS,
    "intl_org": INTL_ORGS,
    "foreign_leader": FOREIGN_LEADERS,
    "diplomacy": DIPLOMACY,
    "military": MILITARY,
    "sanctions": SANCTIONS,
    "conflict_zone": CONFLICT_ZONES,
    "us_ref": US_REFS,
    "domestic_politics": DOMESTIC_POLITICS,
    "us_place": US_STATES,
    "celeb_life": CELEB_LIFE,
    "celeb_romance": CELEB_ROMANCE,
    "celeb_family": CELEB_FAMILY,
    "celeb_image": CELEB_IMAGE,
    "celeb_drama": CELEB_DRAMA,
    "celeb_health_tribute": CELEB_HEALTH_TRIBUTE,
    "celeb_legal": CELEB_LEGAL,
    "celeb_role": CELEB_ROLES,
    "reality_tv": REALITY_TV,
    "royals": ROYALS,
    "ent_industry": ENT_INDUSTRY,
    "deals": DEALS,
    "sports": SPORTS,
    "disaster_crime": DISASTER_CRIME,
    "business_tech": BUSINESS_TECH,
    "famous_person": FAMOUS_PEOPLE,
    "late_night": LATE_NIGHT,
    "leadership": LEADERSHIP,
    "media_personality": MEDIA_PERSONALITIES,
    "foreign_city": FOREIGN_CITIES,
}
LEXICONS.update(GAZETTEERS)

# Groups used for conjunction features ("a foreign actor AND war vocabulary", ...).
# The name gazetteers stay out of the groups: their cues are separate features, so that a training
# copy without them (name dropout, see newsflow.dev.training.topics) is exactly the unknown-name case.
FOREIGN_GROUP = (
    "country", "demonym", "capital", "intl_org", "foreign_leader", "conflict_zone", "foreign_city"
)
GEO_ACTION_GROUP = ("diplomacy", "military", "sanctions")
CELEB_GROUP = ("celeb_role", "reality_tv", "royals", "famous_person")

# Common given names (English-language news): a cue that a named person is the subject.
# Ambiguous words (will, may, mark, grace, ...) are deliberately left out.
FIRST_NAMES = _phrases("""
aaron, adam, adele, adrian, alan, albert, alec, alex, alexa, alexander, alexandra, alicia, alison,
amanda, amber, amy, andrew, andy, angela, angelina, anna, anne, anthony, ariana, ashley, austin,
barbara, ben, benjamin, beyonce, bill, billie, blake, bob, bobby, brad, bradley, brandon, brian,
britney, brittany, brooke, bruce, bryan, caitlyn, cameron, camila, cardi, carl, carrie,
cassie, catherine, charlie, charles, chelsea, chris, chrissy, christian, christina, christine,
christopher, cindy, claire, courteney, courtney, cynthia, daniel, danny, david, debbie, demi,
dennis, derek, diane, donald, doja, drake, drew, dua, dwayne, ed, eddie, elizabeth, ellen, elon,
elton, emily, emma, eric, erika, ethan, eva, gigi, gisele, gwen, gwyneth, hailey, halle, heidi,
helen, hilary, hillary, hugh, ian, jack, jackie, jada, jake, james, jamie, jane, janet, jason,
jay, jeff, jen, jennifer, jenna, jeremy, jerry, jessica, jill, jim, jimmy, joe, joel, john,
johnny, jon, jonathan, jordan, joseph, josh, joshua, julia, julianne, justin, kanye, karen,
kate, katie, katy, kelly, kendall, kevin, khloe, kim, kourtney, kris, kristen, kylie, lady,
larry, laura, lauren, leah, leonardo, lil, lily, linda, lindsay, lisa, liam, lizzo, london,
lori, lucy, madonna, mandy, mariah, maria, mary, matt, matthew, megan, mel, melania, melissa,
michael, michelle, mick, mike, miley, mindy, molly, nancy, naomi, natalie, nick, nicki,
nicole, noah, olivia, oprah, paris, patrick, paul, paula, pete, peter, priyanka, rachel,
rebel, reese, richard, rihanna, rob, robert, robin, ryan, sam, samantha, sandra, sarah, scott,
sean, selena, shakira, sharon, sofia, sophie, stephen, steve, steven, sylvester, taylor, tiffany,
tim, tom, tony, travis, tyler, vanessa, victoria, viola, whitney, zac, zendaya, zoe,
abby, abigail, addison, aidan, alexis, ali, alice, allison, alyssa, amelia, andre, andrea, angie,
annie, april, ariel, arthur, ashlee, aubrey, audrey, ava, bailey, barry, becky, bella, beth,
bethany, betty, bianca, brenda, brett, brie, britt, brittney, brody, bruno, bryce, caleb,
candace, carla, carly, carmen, carol, caroline, casey, chad, chandler, chase, cheryl, chloe,
christie, cindy, clayton, cody, colin, colton, connor, corey, craig, crystal, dale, dana,
danielle, darren, dave, dean, deborah, denise, derrick, destiny, devin, dolly, dominic, don,
donna, doug, dustin, dylan, elaine, eli, elijah, ella, ellie, emilia, erin, evan, faith, felicity,
frank, gabriel, gabrielle, garrett, gary, gavin, gene, gina, glenn, gordon, greg, gregory, gwendolyn,
haley, hannah, harvey, heather, holly, howard, hunter, isaac, isabella, jackson, jacob, jaden,
jared, jasmine, jax, jeffrey, jenni, jenny, jesse, jessie, jill, joan, joanna, jodie, joey, jojo,
jonah, josie, joy, judy, julian, julie, justine, kaitlyn, kara, karl, kathy, katherine, kathryn,
kaley, keith, kelsey, ken, kendra, kenny, kerry, kim, kirk, kristin, kyle, lance, lea, leighton,
lena, leo, lindsey, lionel, lizzie, logan, lorenzo, louis, luke, lynn, madison, mandy, marcus,
margaret, margot, marie, marilyn, mario, marisa, martin, matthew, maureen, max, meg, meghan,
melanie, mia, micah, miranda, mitchell, monica, morgan, nadia, natasha, nathan, neil, nelly,
nikki, nina, nora, olivia, owen, pamela, patricia, penelope, phil, phoebe, piper, rachael,
randy, raquel, ray, rebecca, regina, renee, rhonda, ricky, riley, rita, rob, robbie, roger,
ronnie, rosie, ruby, russell, ruth, sabrina, sadie, sally, sandy, sara, savannah, scarlett,
serena, seth, shannon, shawn, sheila, shelby, sienna, simon, skylar, sophia, stacy, stassi,
stella, stephanie, sue, susan, sydney, tamara, tammy, tara, teresa, terry, tessa, thomas,
tina, todd, tori, tracy, trevor, troy, val, valerie, vince, vincent, wayne, wendy, wesley,
willow, wyatt, xavier, yolanda, zach, zachary, zayn
""")
