package routines

// Disclaimer is the safety notice (not medical advice; stop on sharp pain), shown from the picker,
// by show and in handouts.
const Disclaimer = "This app gives general cool-down guidance for healthy adults. It is not medical advice and does not diagnose or treat anything. Work only within a comfortable range. Mild stretch or pressure is fine; sharp, shooting or worsening pain means stop. If you have an injury, recent surgery or joint replacement, osteoporosis, a heart, clotting or circulation condition, or are pregnant, ask a doctor or physiotherapist before using these routines. Stop and get medical help at once for chest pain, fainting, unusual breathlessness, or dark urine with severe muscle pain."

// Units is how fluid amounts are shown.
type Units string

const (
	Millilitres Units = "ml"
	FluidOunces Units = "floz"
)

// DrinkAdvice is the hydration step's amount, by rule of thumb (nobody is weighed).
func DrinkAdvice(u Units) string {
	if u == FluidOunces {
		return "Drink about 8–17 fl oz of water now, then to thirst."
	}
	return "Drink about 250–500 ml of water now, then to thirst."
}

// CardSection is one part of an advice or check card: a heading, the
// signs or tips as bullets, and what to do about them.
type CardSection struct {
	Heading string
	Bullets []string
	Action  string
}

// Card is a short screen of advice: a title, its sections, and a closing
// line. It is plain data; the terminal screen and plain mode lay it out.
type Card struct {
	Title    string
	Sections []CardSection
	Closing  string
}

// Lines is the card as plain text lines (unwrapped): the title, then each
// section's heading, bullets ("- ") and action, then the closing line.
func (c Card) Lines() []string {
	out := []string{c.Title}
	for _, s := range c.Sections {
		out = append(out, "")
		if s.Heading != "" {
			out = append(out, s.Heading)
		}
		for _, b := range s.Bullets {
			out = append(out, "- "+b)
		}
		if s.Action != "" {
			out = append(out, s.Action)
		}
	}
	if c.Closing != "" {
		out = append(out, "", c.Closing)
	}
	return out
}

// VerySoreCheck is the card shown before a very-sore session: the signs of
// an injury now and what to do, the urgent signs, and soreness that will
// not settle, kept apart; with none of them a gentle routine is fine.
func VerySoreCheck() Card {
	return Card{
		Title: "Very sore? A quick check first",
		Sections: []CardSection{
			{
				Heading: "An injury now, not training soreness, if you have:",
				Bullets: []string{
					"sudden or sharp pain during or just after training, or a pop",
					"pain in a joint rather than in the muscle",
					"swelling or bruising",
					"pain at rest, or pain that wakes you",
				},
				Action: "Then don't stretch, roll or train that area today. For 2–3 days rest it, " +
					"use a wrapped cold pack for up to 20 min every 2–3 hours, and raise it. " +
					"See a GP or physio if it isn't easing after 3 days; go to urgent care now " +
					"if you can't put weight on it or use it, it looks misshapen, or it is numb, cold or blue.",
			},
			{
				Heading: "Get urgent care today if you have:",
				Bullets: []string{
					"dark (tea- or cola-coloured) urine with severe muscle pain",
					"marked weakness, or a swollen, tight muscle",
					"one calf or thigh swollen, warm, red and throbbing",
				},
				Action: "Chest pain, fainting or unusual breathlessness: call the emergency number.",
			},
			{
				Heading: "Soreness still there after 5 days, or worse after day 3:",
				Action:  "not an emergency, but book a GP or physio, and keep to easy movement until then.",
			},
		},
		Closing: "None of these? Training soreness usually peaks 1–3 days after and is gone " +
			"in 2–5 days. A gentle routine is fine.",
	}
}

// AfterSession is the advice for the rest of the day and the next days,
// for the soreness level chosen, with drink amounts in units u.
func AfterSession(l Level, u Units) Card { return AfterSessionFor(l, u, nil) }

// AfterSessionFor is AfterSession for someone with kit (nil: not said):
// the rolling advice names the tool they have (a gun, a ball, their
// hands), not a foam roller they do not have.
func AfterSessionFor(l Level, u Units, kit *Kit) Card {
	c := Card{Title: "After your cool-down"}
	switch l {
	case Fresh:
		c.Sections = append(c.Sections, CardSection{
			Heading: "The next days (fresh)",
			Bullets: []string{
				"Stretch a few minutes on 2–3 or more days a week; daily is ideal.",
				"Drink to thirst through the day, and train as planned.",
			},
		})
	case Sore:
		c.Sections = append(c.Sections, CardSection{
			Heading: "The next days (sore)",
			Bullets: []string{
				"Light movement later or tomorrow: a 10–20 min easy walk or spin (2–3 out of 10) eases soreness.",
				rollAdvice(kit),
				"Drink some water, and train other areas, or go lighter, until it settles.",
			},
		})
	default: // VerySore
		c.Sections = append(c.Sections, CardSection{
			Heading: "The next days (very sore)",
			Bullets: []string{
				"Rest, or move easily and train other muscle groups; no hard work for the sore muscles (least of all lowering or downhill work) until soreness is 3 out of 10 or less.",
				"Massage by a therapist is optional; it helps a little.",
				"Heat for stiffness: a warm pack or heat wrap eased soreness in studies. Not on a fresh injury, swelling or numb skin.",
				"Cold: a cold bath (10–15 °C for 10–15 min) cut soreness only a little, in trials of low quality; wrap ice, 20 min at most. Regular cold baths after strength training can blunt its gains: prefer heat after leg day.",
				"It clears in 2–5 days whatever you do.",
			},
		}, CardSection{
			Heading: "Signs of poor recovery",
			Bullets: []string{
				"soreness that lingers, a clear drop in strength or endurance, fatigue between workouts, poor sleep, low mood or motivation",
			},
			Action: "If these keep coming, take 2–3 easy days or a lighter week, sleep 7 h or more and eat enough; no better after 2 weeks of easier training: see a GP.",
		})
	}
	c.Sections = append(c.Sections, CardSection{
		Heading: "Refuel and sleep",
		Bullets: []string{
			"About 20–40 g of protein within 2 hours; extra carbohydrate only if you train again within 4–8 hours, otherwise a normal meal.",
			"Aim for 7 hours of sleep or more tonight.",
		},
	}, CardSection{
		Heading: "Drink",
		Bullets: []string{DrinkAdvice(u), longSessionDrink(u), weighedDrink(u)},
	})
	return c
}

// longSessionDrink is the not-weighed advice after a long or hot session,
// when 250–500 ml is too little.
func longSessionDrink(u Units) string {
	now, every := "500 ml", "250 ml"
	if u == FluidOunces {
		now, every = "17 fl oz", "8 fl oz"
	}
	return "After 60 min or more, heat, or soaked or salt-marked clothes: " + now + " now, then about " + every +
		" every 30 min with salty food while you are thirsty or your urine is dark, for up to 2–3 hours."
}

// weighedDrink is the rehydration rule for someone who weighed themselves
// before and after.
func weighedDrink(u Units) string {
	per := "1.25–1.5 L for each kg lost"
	if u == FluidOunces {
		per = "19–23 fl oz for each lb lost"
	}
	return "Weighed before and after? Drink " + per + " over 2–4 hours, with some salt, and no more: " +
		"weighing more than before means you drank too much."
}

// rollAdvice is the soft-tissue line of the sore advice, with the tool
// the kit has.
func rollAdvice(kit *Kit) string {
	switch {
	case kit == nil || kit.Has(ToolRoller):
		return "Foam roll 30–60 s per sore zone if you like: it slightly lowers soreness."
	case kit.Has(ToolGun):
		return "A massage gun on its lowest speed, 30–60 s per sore zone, if you like (never over bone): it may ease soreness a little."
	case kit.Has(ToolBall):
		return "A massage ball, 30–90 s per sore zone, if you like: rolling slightly lowers soreness."
	}
	return "Knead sore muscles with your hands, 30–60 s per zone, if you like: it may ease soreness a little."
}

// AfterAdvice is the refuel, sleep and soreness advice for the summary
// when no level is known.
func AfterAdvice() []string {
	return []string{
		"Refuel: about 20–40 g of protein within 2 hours; extra carbohydrate only if you train again within 4–8 hours, otherwise a normal meal.",
		"Sleep: aim for 7 hours or more tonight.",
		"Soreness usually peaks 1–3 days after hard training and is gone in 2–5 days; if it is still there after 5 days, see a GP or physio.",
		"Sharp or sudden pain, joint pain, swelling or bruising is an injury, not soreness: rest that area and see a GP or physio if it isn't easing after 3 days.",
	}
}
