package demo

import "math"

// VitalSigns is one set of observations, in the units vital_signs stores.
type VitalSigns struct {
	HeightCm        float64 // one decimal
	WeightKg        float64 // one decimal
	Systolic        int     // mmHg
	Diastolic       int     // mmHg
	Pulse           int     // beats a minute
	RespiratoryRate int     // breaths a minute
	TemperatureC    float64 // one decimal
	SpO2            int     // per cent
}

// Physiological limits, as the database checks them; Vitals never leaves them.
const (
	MinHeightCm, MaxHeightCm   = 30, 250
	MinWeightKg, MaxWeightKg   = 0.5, 400
	MinSystolic, MaxSystolic   = 50, 260
	MinDiastolic, MaxDiastolic = 30, 160
	MinPulse, MaxPulse         = 20, 250
	MinRespRate, MaxRespRate   = 4, 60
	MinTempC, MaxTempC         = 30, 45
	MinSpO2, MaxSpO2           = 50, 100
)

// childHeight and childWeight are median height (cm) and weight (kg) at each birthday
// from 0 to 17, both sexes together, close to the WHO growth references.
var (
	childHeight = []float64{50, 76, 87, 96, 103, 110, 116, 122, 128, 133, 138, 144, 150, 156, 161, 164, 166, 167}
	childWeight = []float64{3.4, 9.6, 12.2, 14.3, 16.3, 18.3, 20.5, 23, 25.5, 28.5, 32, 36, 40, 45, 50, 54, 57, 59}
)

// Vitals draws plausible observations for a person of age years: children follow growth
// medians and age-normal pulse, breathing and blood pressure; adults have blood pressure
// rising with age, some hypertension, some fever and, rarely, low oxygen saturation.
// Every value is within the physiological limits and systolic is above diastolic.
func Vitals(r *Rand, age int) VitalSigns {
	age = max(0, age)
	var v VitalSigns
	// Products followed by a sum are wrapped in float64(…): the conversion stops the
	// compiler fusing them into one instruction on some processors, which would change the
	// last bit and so, rarely, a rounded value.

	// Size: children by growth medians (infants by month), adults by height and BMI.
	if age < 18 {
		h, w := childHeight[age], childWeight[age]
		if age == 0 {
			months := float64(r.IntN(12))
			h, w = interpolate(childHeight[0], childHeight[1], months/12), interpolate(childWeight[0], childWeight[1], months/12)
		}
		v.HeightCm = r.Normal(h, h*0.04)
		v.WeightKg = w * clamp(r.Normal(1, 0.12), 0.6, 1.6)
	} else {
		v.HeightCm = r.Normal(164, 9)
		if age > 70 {
			v.HeightCm -= float64(float64(age-70) * 0.1)
		}
		bmi := clamp(r.Normal(24.5, 4.5), 15, 50)
		m := v.HeightCm / 100
		v.WeightKg = bmi * float64(m*m)
	}

	// Blood pressure.
	var sys float64
	switch {
	case age < 1:
		sys = r.Normal(85, 8)
	case age < 6:
		sys = r.Normal(95, 8)
	case age < 13:
		sys = r.Normal(102, 8)
	case age < 18:
		sys = r.Normal(110, 9)
	default:
		sys = r.Normal(112+float64(0.45*float64(age-18)), 13)
		if r.Chance(150) {
			sys += math.Abs(r.Normal(22, 10))
		}
	}
	dia := r.Normal(float64(0.62*sys)+3, 6)

	// Pulse and breathing by age band.
	pulse, resp := 76.0, 16.0
	switch {
	case age < 1:
		pulse, resp = 130, 38
	case age < 3:
		pulse, resp = 115, 28
	case age < 6:
		pulse, resp = 100, 24
	case age < 12:
		pulse, resp = 90, 20
	case age < 18:
		pulse, resp = 80, 17
	}
	v.Pulse = int(math.Round(r.Normal(pulse, pulse*0.12)))
	v.RespiratoryRate = int(math.Round(r.Normal(resp, resp*0.12)))

	// Temperature: mostly normal, some fever.
	v.TemperatureC = r.Normal(36.7, 0.3)
	if r.Chance(80) {
		v.TemperatureC = 37.8 + float64(r.IntN(21))/10
		v.Pulse += 10
	}

	// Oxygen saturation.
	switch n := r.IntN(1000); {
	case n < 950:
		v.SpO2 = r.Between(96, 100)
	case n < 990:
		v.SpO2 = r.Between(92, 95)
	default:
		v.SpO2 = r.Between(85, 91)
	}

	v.HeightCm = round1(clamp(v.HeightCm, 45, 210))
	if age == 0 {
		v.HeightCm = round1(clamp(v.HeightCm, MinHeightCm, 90))
	}
	v.WeightKg = round1(clamp(v.WeightKg, 1.5, 250))
	v.TemperatureC = round1(clamp(v.TemperatureC, 35, 41.5))
	v.Systolic = int(math.Round(clamp(sys, 60, 230)))
	v.Diastolic = int(math.Round(clamp(dia, 35, float64(v.Systolic-15))))
	v.Pulse = int(clamp(float64(v.Pulse), 40, 200))
	v.RespiratoryRate = int(clamp(float64(v.RespiratoryRate), 8, 60))
	return v
}

func interpolate(a, b, f float64) float64 { return a + float64((b-a)*f) }

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func round1(x float64) float64 { return math.Round(x*10) / 10 }
