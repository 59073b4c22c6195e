package demo

import "testing"

func TestVitalsStayWithinPhysiologicalLimits(t *testing.T) {
	t.Parallel()
	r := New(3)
	var adultHeight, adultWeight, adultSys float64
	adults := 0
	for i := range 100_000 {
		age := i % 96
		v := Vitals(r, age)
		switch {
		case v.HeightCm < MinHeightCm || v.HeightCm > MaxHeightCm,
			v.WeightKg < MinWeightKg || v.WeightKg > MaxWeightKg,
			v.Systolic < MinSystolic || v.Systolic > MaxSystolic,
			v.Diastolic < MinDiastolic || v.Diastolic > MaxDiastolic,
			v.Systolic <= v.Diastolic,
			v.Pulse < MinPulse || v.Pulse > MaxPulse,
			v.RespiratoryRate < MinRespRate || v.RespiratoryRate > MaxRespRate,
			v.TemperatureC < MinTempC || v.TemperatureC > MaxTempC,
			v.SpO2 < MinSpO2 || v.SpO2 > MaxSpO2:
			t.Fatalf("age %d: out of limits: %+v", age, v)
		}
		if age == 0 && (v.HeightCm > 90 || v.WeightKg > 15 || v.Pulse < 80) {
			t.Fatalf("implausible infant: %+v", v)
		}
		if age >= 25 && age <= 60 {
			adults++
			adultHeight += v.HeightCm
			adultWeight += v.WeightKg
			adultSys += float64(v.Systolic)
		}
	}
	mean := func(name string, sum, lo, hi float64) {
		if m := sum / float64(adults); m < lo || m > hi {
			t.Errorf("adult mean %s = %.1f, want %v–%v", name, m, lo, hi)
		}
	}
	mean("height", adultHeight, 158, 170)
	mean("weight", adultWeight, 58, 75)
	mean("systolic", adultSys, 115, 135)
}

func TestNormal(t *testing.T) {
	t.Parallel()
	r := New(5)
	var sum, sq float64
	const n = 50_000
	for range n {
		x := r.Normal(10, 2)
		if x < -2 || x > 22 {
			t.Fatalf("%v is beyond 6 sd", x)
		}
		sum += x
		sq += x * x
	}
	m := sum / n
	sd := sq/n - m*m
	if m < 9.95 || m > 10.05 || sd < 3.8 || sd > 4.2 {
		t.Errorf("mean %.3f, variance %.3f", m, sd)
	}
}

func TestWeighted(t *testing.T) {
	t.Parallel()
	r := New(9)
	counts := make([]int, 3)
	for range 30_000 {
		counts[Weighted(r, []int{1, 0, 2})]++
	}
	if counts[1] != 0 || counts[0] < 9_000 || counts[0] > 11_000 {
		t.Errorf("counts %v", counts)
	}
}
