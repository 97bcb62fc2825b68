// airm_gen_data: writes the seeded, realistic benchmark CSV.
//
// N rows x 20 columns of a credit-risk-like event table: an id, an ISO
// timestamp, 8 floating-point columns of different shapes (lognormal,
// Kumaraswamy, heavy tail with outliers, exponential with timeouts, bimodal,
// normal with a -999 sentinel, uniform, a model score), 4 integer columns
// (age, two Poisson counts, a geometric tenure), 5 Zipf-distributed
// categoricals (cardinalities 3..500), a binary target. About 2% of the
// feature cells (columns segment..merchant) are empty.
//
// Drift is built in over file order (t = row / (N - 1), 0 at the top, 1 at the
// bottom), so "first half vs second half" has a known answer:
//   drifts:  utilization, sensor, n_events, channel, product (new levels
//            P060..P064 appear after t = 0.5), target (concept drift), score
//            (follows utilization), and trivially id and event_time;
//   stable:  segment, age, income, balance, latency_ms, temperature,
//            discount, n_accounts, tenure_months, region, merchant.
// Stable columns never read t or a drifting variable, so their two halves are
// identically distributed and any test on them sees only sampling noise.
//
// Determinism: one std::mt19937_64 seeded with --seed drives every draw in row
// order, and every distribution is implemented here (not <random>'s, whose
// algorithms differ between standard libraries). The only remaining
// dependency is libm's log/exp/pow/cos; we pin Debian 12's glibc and g++, so
// the same (seed, rows) gives the same bytes there.
//
// Speed: numbers are formatted with std::to_chars into a large buffer that is
// flushed with fwrite; 1M rows take a few seconds on one core.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kColumnCount = 20;
constexpr std::string_view kHeader =
    "id,event_time,segment,age,income,utilization,balance,latency_ms,sensor,temperature,"
    "discount,n_accounts,n_events,tenure_months,region,channel,product,merchant,target,score\n";
// Columns segment (2) .. merchant (17) get missing cells; id, event_time,
// target and score are always present, as in a scored event log.
constexpr int kFirstMissingColumn = 2;
constexpr int kLastMissingColumn = 17;
constexpr double kMissingRate = 0.02;

// 2023-01-01T00:00:00Z as days since the Unix epoch; the file spans two years.
constexpr int64_t kStartDay = 19358;
constexpr int64_t kSpanSeconds = 730LL * 86400;

// Uniform, normal, exponential, Poisson and geometric variates from one
// mt19937_64 stream, with fixed algorithms so the output does not depend on
// the standard library's <random> distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Uniform on the open interval (0, 1): 53 random bits centred in their cell,
  // so log(Uniform()) is always finite.
  double Uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }

  // Box-Muller; the second variate of each pair is kept for the next call.
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2.0 * std::log(Uniform()));
    const double angle = 2.0 * std::numbers::pi * Uniform();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }

  double Exponential(double mean) { return -mean * std::log(Uniform()); }

  // Knuth's multiplication method; fine for the small means used here (< 20).
  int64_t Poisson(double mean) {
    const double limit = std::exp(-mean);
    int64_t count = 0;
    double product = Uniform();
    while (product > limit) {
      ++count;
      product *= Uniform();
    }
    return count;
  }

  // Number of trials up to and including the first success (support 1, 2, ...).
  int64_t Geometric(double p) {
    return 1 + static_cast<int64_t>(std::floor(std::log(Uniform()) / std::log1p(-p)));
  }

  bool Bernoulli(double p) { return Uniform() < p; }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// Finite Zipf law over levels 0..k-1: P(i) proportional to 1 / (i + 1)^s.
class ZipfTable {
 public:
  ZipfTable(int cardinality, double exponent) : cdf_(cardinality) {
    double total = 0.0;
    for (int i = 0; i < cardinality; ++i) {
      total += 1.0 / std::pow(i + 1.0, exponent);
      cdf_[i] = total;
    }
    for (double& value : cdf_) value /= total;
  }
  int Sample(Rng& rng) const {
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), rng.Uniform());
    return static_cast<int>(std::min<ptrdiff_t>(it - cdf_.begin(), cdf_.size() - 1));
  }

 private:
  std::vector<double> cdf_;
};

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Appends CSV text to a buffer and flushes it to a file in large writes.
class CsvSink {
 public:
  explicit CsvSink(std::FILE* file) : file_(file) { buffer_.reserve(kFlushBytes + 4096); }
  void Append(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  // Returns false on a short write (disk full, closed pipe).
  bool Flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      ok_ = false;
    buffer_.clear();
    return ok_;
  }
  bool ok() const { return ok_; }

 private:
  static constexpr size_t kFlushBytes = 8 << 20;
  std::FILE* file_;
  std::string buffer_;
  bool ok_ = true;
};

// Formats one row's fields into a reusable line buffer.
class RowFormatter {
 public:
  void Clear() { line_.clear(); }
  std::string_view line() const { return line_; }

  void Int(int64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    line_.append(digits, result.ptr);
  }
  // Fixed notation, rounded to `decimals` places, shortest digits that round-trip
  // (so 0.5 prints as "0.5", not "0.500000", and never as "5e-01").
  void Float(double value, int decimals) {
    const double scale = kPowersOfTen[decimals];
    double rounded = std::nearbyint(value * scale) / scale;
    if (rounded == 0.0) rounded = 0.0;  // no "-0"
    char digits[64];
    const auto result =
        std::to_chars(digits, digits + sizeof digits, rounded, std::chars_format::fixed);
    line_.append(digits, result.ptr);
  }
  void Text(std::string_view value) { line_.append(value); }
  void Comma() { line_.push_back(','); }
  void Newline() { line_.push_back('\n'); }

  // YYYY-MM-DDTHH:MM:SS from seconds since the Unix epoch (Hinnant's
  // civil_from_days; proleptic Gregorian, valid for any date we produce).
  void IsoTimestamp(int64_t epoch_seconds) {
    const int64_t days = epoch_seconds / 86400;
    const int64_t second_of_day = epoch_seconds % 86400;
    const int64_t z = days + 719468;
    const int64_t era = z / 146097;
    const int64_t day_of_era = z - era * 146097;
    const int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int64_t mp = (5 * day_of_year + 2) / 153;
    const int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
    const int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    char text[20];
    Digits(text, year, 4);
    text[4] = '-';
    Digits(text + 5, month, 2);
    text[7] = '-';
    Digits(text + 8, day, 2);
    text[10] = 'T';
    Digits(text + 11, second_of_day / 3600, 2);
    text[13] = ':';
    Digits(text + 14, second_of_day / 60 % 60, 2);
    text[16] = ':';
    Digits(text + 17, second_of_day % 60, 2);
    line_.append(text, 19);
  }

 private:
  static void Digits(char* out, int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  }
  static constexpr std::array<double, 7> kPowersOfTen = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  std::string line_;
};

struct Levels {
  std::vector<std::string> names;
  static Levels Numbered(std::string_view prefix, int count, int width) {
    Levels levels;
    for (int i = 0; i < count; ++i) {
      std::string digits = std::to_string(i);
      levels.names.push_back(std::string(prefix) + std::string(width - digits.size(), '0') +
                             digits);
    }
    return levels;
  }
};

// Draws one row. The order of draws is fixed, so a seed pins the whole file.
class RowGenerator {
 public:
  RowGenerator(uint64_t seed, int64_t rows)
      : rng_(seed),
        rows_(rows),
        segment_zipf_(5, 1.1),
        region_zipf_(12, 0.8),
        product_zipf_(60, 1.3),
        merchant_zipf_(500, 1.05),
        products_(Levels::Numbered("P", 65, 3)),
        merchants_(Levels::Numbered("m", 500, 4)) {}

  void Format(int64_t row, RowFormatter& out) {
    const double t = rows_ > 1 ? static_cast<double>(row) / static_cast<double>(rows_ - 1) : 0.0;
    std::array<bool, kColumnCount> missing{};
    for (int column = kFirstMissingColumn; column <= kLastMissingColumn; ++column)
      missing[column] = rng_.Bernoulli(kMissingRate);

    // Latent drivers first: the target and score depend on them even when the
    // displayed cell is missing.
    const int segment = segment_zipf_.Sample(rng_);
    const bool student = segment == 3;
    const bool senior = segment == 4;
    const double age_mean = student ? 21.0 : senior ? 68.0 : 42.0;
    const double age_sd = student ? 3.0 : senior ? 7.0 : 12.0;
    const int64_t age = std::clamp<int64_t>(std::llround(rng_.Normal(age_mean, age_sd)), 18, 95);
    const double log_income =
        rng_.Normal(10.6 + 0.5 * (segment == 1) + 0.3 * (segment == 2) - 0.6 * student, 0.55);
    const double income = std::exp(log_income);
    // Kumaraswamy(a, 5): closed-form inverse CDF; a rises with t, shifting the
    // mass toward 1 (customers draw more of their credit line over time).
    const double shape_a = 2.0 + 1.5 * t;
    const double utilization =
        std::pow(1.0 - std::pow(1.0 - rng_.Uniform(), 1.0 / 5.0), 1.0 / shape_a);
    // Heavy right tail plus 0.1% data-entry outliers a hundred times larger.
    double balance = std::exp(rng_.Normal(7.5, 1.2));
    if (rng_.Bernoulli(0.001)) balance *= 100.0;
    // Service latency with 0.05% timeouts at 30..60 s.
    double latency_ms = 5.0 + rng_.Exponential(120.0);
    if (rng_.Bernoulli(0.0005)) latency_ms = 30000.0 + 30000.0 * rng_.Uniform();
    // Two operating modes; the second grows from 30% to 55% of readings.
    const bool high_mode = rng_.Bernoulli(0.30 + 0.25 * t);
    const double sensor = high_mode ? rng_.Normal(3.0, 1.0) : rng_.Normal(-2.0, 0.6);
    // Normal with a -999 "sensor offline" sentinel in 0.1% of rows.
    double temperature = rng_.Normal(21.5, 3.2);
    if (rng_.Bernoulli(0.001)) temperature = -999.0;
    const double discount = 0.3 * rng_.Uniform();
    const int64_t n_accounts = rng_.Poisson(2.5 + 0.6 * (segment == 2));
    const int64_t n_events = rng_.Poisson(4.0 + 3.0 * t);
    const int64_t tenure_months = std::min(rng_.Geometric(1.0 / 48.0), (age - 17) * 12);
    const int region = region_zipf_.Sample(rng_);
    // Channel mix moves from web to mobile.
    const double p_web = 0.45 - 0.20 * t;
    const double p_mobile = 0.35 + 0.25 * t;
    const double channel_draw = rng_.Uniform();
    const int channel = channel_draw < p_web ? 0 : channel_draw < p_web + p_mobile ? 1 : 2;
    // Product launches: after mid-file, 3% of rows buy one of five new products.
    const bool new_product = t > 0.5 && rng_.Bernoulli(0.03);
    const int product =
        new_product ? 60 + static_cast<int>(5 * rng_.Uniform()) % 5 : product_zipf_.Sample(rng_);
    const int merchant = merchant_zipf_.Sample(rng_);

    // True risk gains weight on utilization over time (concept drift); the
    // model score was fitted on the early period and does not follow.
    const double base = -3.0 - 0.6 * (log_income - 10.6) + 0.03 * (40.0 - age) -
                        0.006 * tenure_months + 0.2 * n_accounts + 0.6 * student -
                        0.8 * (segment == 1) + 0.3 * (channel == 1);
    const bool target = rng_.Bernoulli(Logistic(base + 4.5 * utilization * (1.0 + 0.4 * t)));
    const double score =
        std::clamp(Logistic(base + 4.5 * utilization + rng_.Normal(0.0, 0.3)), 1e-4, 1.0 - 1e-4);
    const int64_t event_seconds = (kStartDay * 86400) + static_cast<int64_t>(t * kSpanSeconds) +
                                  static_cast<int64_t>(60.0 * rng_.Uniform());

    static constexpr std::array<std::string_view, 5> kSegments = {"retail", "premium", "business",
                                                                  "student", "senior"};
    static constexpr std::array<std::string_view, 12> kRegions = {
        "north",      "south",      "east",       "west",    "central", "north_east",
        "north_west", "south_east", "south_west", "islands", "capital", "overseas"};
    static constexpr std::array<std::string_view, 3> kChannels = {"web", "mobile", "branch"};

    out.Clear();
    out.Int(row);
    out.Comma();
    out.IsoTimestamp(event_seconds);
    int column = 2;
    // Each lambda writes one cell, or nothing when the cell is missing.
    auto cell = [&](auto&& write) {
      out.Comma();
      if (!missing[column]) write();
      ++column;
    };
    cell([&] { out.Text(kSegments[segment]); });
    cell([&] { out.Int(age); });
    cell([&] { out.Float(income, 2); });
    cell([&] { out.Float(utilization, 4); });
    cell([&] { out.Float(balance, 2); });
    cell([&] { out.Float(latency_ms, 1); });
    cell([&] { out.Float(sensor, 4); });
    cell([&] { out.Float(temperature, 2); });
    cell([&] { out.Float(discount, 3); });
    cell([&] { out.Int(n_accounts); });
    cell([&] { out.Int(n_events); });
    cell([&] { out.Int(tenure_months); });
    cell([&] { out.Text(kRegions[region]); });
    cell([&] { out.Text(kChannels[channel]); });
    cell([&] { out.Text(products_.names[product]); });
    cell([&] { out.Text(merchants_.names[merchant]); });
    out.Comma();
    out.Int(target ? 1 : 0);
    out.Comma();
    out.Float(score, 6);
    out.Newline();
  }

 private:
  Rng rng_;
  int64_t rows_;
  ZipfTable segment_zipf_;
  ZipfTable region_zipf_;
  ZipfTable product_zipf_;
  ZipfTable merchant_zipf_;
  Levels products_;
  Levels merchants_;
};

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File OpenForWrite(const std::string& path) {
  File file(std::fopen(path.c_str(), "wb"));
  if (!file) std::fprintf(stderr, "airm_gen_data: cannot open %s for writing\n", path.c_str());
  return file;
}

// "dir/big.csv" -> "dir/big_first.csv".
std::string SiblingPath(const std::string& path, std::string_view suffix) {
  std::string stem = path;
  if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".csv") == 0)
    stem.resize(stem.size() - 4);
  return stem + std::string(suffix) + ".csv";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write the seeded airm benchmark CSV (20 columns, ~2% missing, drift over rows)."};
  int64_t rows = 1'000'000;
  uint64_t seed = 20240611;
  std::string out_path = "big.csv";
  bool split = false;
  app.add_option("--rows", rows, "number of data rows")
      ->check(CLI::Range(int64_t{0}, int64_t{10'000'000'000}));
  app.add_option("--seed", seed, "seed of the mt19937_64 stream");
  app.add_option("--out", out_path, "output CSV path");
  app.add_flag("--split", split,
               "also write <out>_first.csv (rows [0, N/2)) and <out>_second.csv (rows [N/2, N))");
  CLI11_PARSE(app, argc, argv);

  File out = OpenForWrite(out_path);
  if (!out) return 1;
  File first;
  File second;
  if (split) {
    first = OpenForWrite(SiblingPath(out_path, "_first"));
    second = OpenForWrite(SiblingPath(out_path, "_second"));
    if (!first || !second) return 1;
  }

  CsvSink out_sink(out.get());
  std::unique_ptr<CsvSink> first_sink;
  std::unique_ptr<CsvSink> second_sink;
  out_sink.Append(kHeader);
  if (split) {
    first_sink = std::make_unique<CsvSink>(first.get());
    second_sink = std::make_unique<CsvSink>(second.get());
    first_sink->Append(kHeader);
    second_sink->Append(kHeader);
  }

  RowGenerator generator(seed, rows);
  RowFormatter formatter;
  const int64_t half = rows / 2;
  for (int64_t row = 0; row < rows; ++row) {
    generator.Format(row, formatter);
    out_sink.Append(formatter.line());
    if (split) (row < half ? *first_sink : *second_sink).Append(formatter.line());
  }

  // fflush too: fclose in the deleter would otherwise swallow a late error.
  bool ok = out_sink.Flush() && std::fflush(out.get()) == 0;
  if (split) {
    ok = first_sink->Flush() && std::fflush(first.get()) == 0 && ok;
    ok = second_sink->Flush() && std::fflush(second.get()) == 0 && ok;
  }
  if (!ok) {
    std::fprintf(stderr, "airm_gen_data: write failed (disk full?)\n");
    return 1;
  }
  return 0;
}
