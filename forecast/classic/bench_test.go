package classic

import (
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// BenchmarkAutoETS is the model search of R's ets (every admissible
// combination of error, trend, season and damping, by AICc) on the monthly
// AirPassengers sample (144 points, m = 12): the classical fit the
// recommended forecast and the global model's anchor pay for per series.
func BenchmarkAutoETS(b *testing.B) {
	s, _ := loadSeries(b, "air_passengers_monthly.csv", tsdata.SeriesSpec{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AutoETS(s.Values, 12); err != nil {
			b.Fatal(err)
		}
	}
}
