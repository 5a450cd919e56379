package output

// SweepFileNotes are the notes of the files of a sweep, and of shards
// joined into one.
func SweepFileNotes() [][2]string {
	return [][2]string{
		{"sweep.csv", "every agent's alignment, security and energy at the end, at every point: runs, mean, sd and quantiles"},
		{"summary.json", "the design, the settings and every replicate's seed"},
		{"response", "plot of the focal state's end state against the parameter"},
		{"heatmap", "plot of the focal state's median at the end over the two parameters"},
	}
}

// SensitivityFileNotes are the notes of the files of a sensitivity
// analysis.
func SensitivityFileNotes() [][2]string {
	return [][2]string{
		{"sensitivity.csv", "every output and value: Morris μ, μ* and σ, or Sobol first-order and total indices with 95 % intervals"},
		{"design.csv", "every point of the design: the values and the outputs (means over the runs)"},
		{"summary.json", "the scenario, the settings, the ranges and the seed: what was run"},
		{"sensitivity", "plot of the indices, one panel per output"},
	}
}

// CalibrationFileNotes are the notes of the files of a calibration.
func CalibrationFileNotes() [][2]string {
	return [][2]string{
		{"fitted.set", "the fitted values, one PATH = VALUE per line: pass it to run, compare, sweep or validate with --overlay"},
		{"fit.csv", "every fitted value: its range, where it started and where the fit put it"},
		{"misfit.csv", "the misfit of the start and of the fit on the fitted and the test patterns, on the search's random draws and on others"},
		{"patterns.csv", "every fitted and test pattern's misfit at the start and at the fit"},
		{"trace.csv", "every candidate tried, in order, with its misfit on the fitted and the test patterns"},
		{"summary.json", "the scenario, the settings, the ranges and the seed: what was run"},
		{"trace", "plot of the search: the misfit of each candidate, and where each value stood"},
	}
}
