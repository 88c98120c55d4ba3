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

// AfterAdvice is the refuel and sleep advice (protein and carbohydrate within a few hours, a full night of sleep), for the
// summary.
func AfterAdvice() []string {
	return []string{
		"Refuel: about 20–40 g of protein within 2 hours; extra carbohydrate only if you train again within 4–8 hours, otherwise a normal meal.",
		"Sleep: aim for 7 hours or more tonight; it is when most recovery happens.",
		"Soreness usually peaks 1–3 days after hard training and fades within 5 days. Sharp pain, swelling, or soreness that worsens after 5 days: see a GP or physio.",
	}
}
