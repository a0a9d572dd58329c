// SPDX-License-Identifier: Apache-2.0
// `souple eval INPUT...`: evaluates activity descriptions, or whole registers (folders, JSON
// Lines, standard input), against the policies in force. Entries are evaluated in batches
// on --jobs threads; results are written in input order, identical whatever the job count.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/register.h"

namespace souple::cli {

std::string TodayUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

namespace {

int Rank(const std::string& kind) {
  if (kind == "obligation" || kind == "formality") return 0;
  if (kind == "recommendation") return 1;
  return 2;
}

int Threshold(const std::string& fail_on) {
  if (fail_on == "obligation") return 0;
  if (fail_on == "recommendation") return 1;
  if (fail_on == "good_practice") return 2;
  return -1;  // never
}


// A register (several results) rather than one activity: the JSON output is then an array.
bool IsRegister(const EvalOptions& options) {
  if (options.activities.size() != 1) return true;
  const std::string& a = options.activities[0];
  std::error_code ec;
  return EndsWith(a, ".jsonl") || (a == "-" && options.stdin_format == "jsonl") ||
         std::filesystem::is_directory(a, ec);
}

// What one entry gave: its diagnostics, or its rendered result.
struct Outcome {
  Diagnostics diagnostics;
  std::string rendered;
  Report report;  ///< Kept for the HTML, Markdown and SARIF documents, written whole at the end.
  bool failing = false;
  bool ok = false;
};

// Where results go: straight to stdout with --keep-going (streamed), else to an unnamed
// temporary file copied to stdout only when every entry was valid (nothing partial).
class Sink {
 public:
  explicit Sink(bool stream) : stream_(stream), file_(stream ? nullptr : std::tmpfile()) {}
  ~Sink() {
    if (file_ != nullptr) std::fclose(file_);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  bool usable() const { return stream_ || file_ != nullptr; }
  void Write(const std::string& text) {
    if (stream_) {
      std::cout << text;
    } else if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      failed_ = true;
    }
  }
  // Copies the buffered results to stdout; false when they could not be kept.
  bool Commit() {
    if (stream_) return true;
    if (failed_ || std::fflush(file_) != 0) return false;
    std::rewind(file_);
    char block[1 << 16];
    size_t n;
    while ((n = std::fread(block, 1, sizeof block, file_)) > 0) std::cout.write(block, static_cast<std::streamsize>(n));
    return !std::ferror(file_);
  }

 private:
  bool stream_;
  std::FILE* file_;
  bool failed_ = false;
};

// A progress line on stderr, redrawn at most five times a second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void Update(size_t done, uint64_t bytes, uint64_t total, bool final = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    std::string line = "\rsouple: " + std::to_string(done) + " activities, " +
                       std::to_string(static_cast<long long>(rate)) + "/s";
    if (total > 0 && bytes > 0 && bytes <= total) {
      const double fraction = static_cast<double>(bytes) / static_cast<double>(total);
      const long long eta = fraction > 0 ? static_cast<long long>(seconds / fraction - seconds) : 0;
      char buf[64];
      std::snprintf(buf, sizeof buf, ", %3.0f%%, ETA %lld:%02lld", fraction * 100, eta / 60, eta % 60);
      line += buf;
    }
    std::cerr << line << "\033[K" << std::flush;
    if (final) std::cerr << '\n';
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_, last_;
};

}  // namespace

int RunEval(const EvalOptions& options) {
  const std::string date = options.as_of.empty() ? TodayUtc() : options.as_of;
  if (!IsValidDate(date)) {
    std::cerr << "souple: --as-of: `" << options.as_of << "` is not a date (YYYY-MM-DD)\n";
    return kUsage;
  }
  const LoadedPolicies loaded_policies = LoadPolicies(options.policies);
  const auto& set = loaded_policies.set;
  if (set == nullptr) return kInvalidInput;

  const bool json = options.format == "json", jsonl = options.format == "jsonl";
  // HTML, Markdown, SARIF and JUnit are one document, even for a register: the reports are kept and
  // the document (for HTML and Markdown, a table of the activities first) is written once
  // every entry is evaluated.
  const bool document = options.format == "html" || options.format == "markdown";
  // SARIF and JUnit are one document over every activity, written at the end.
  const bool whole_run = options.format == "sarif" || options.format == "junit";
  const bool several = IsRegister(options);
  const bool array = json && IsRegister(options);
  const Language lang = options.lang == "en" ? Language::kEnglish : Language::kFrench;
  const int threshold = Threshold(options.fail_on);
  const size_t jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  souple::EvalOptions eval_options;
  eval_options.evaluation_date = date;
  eval_options.final_only = options.final_only;
  eval_options.policies = options.policy_patterns;

  const std::shared_ptr<const PolicySet> written_for = BundledSchemaSetFor(loaded_policies, "eval");

  auto evaluate = [&](const SourceFile& source, Outcome& out) {
    LoadResult loaded = LoadActivityFor(*set, written_for.get(), source);
    out.diagnostics = std::move(loaded.diagnostics);
    if (loaded.activity == nullptr) return;
    Report report = Evaluate(*set, *loaded.activity, eval_options);
    report.release_id = loaded_policies.release_id;
    report.release_hash = loaded_policies.release_hash;
    for (const auto& f : report.findings) {
      if (f.status == "not_met" && Rank(f.kind) <= threshold) out.failing = true;
    }
    if (document || whole_run) {
      out.report = std::move(report);
    } else {
      out.rendered = jsonl ? RenderJsonLine(report) : json ? RenderJson(report) : RenderText(report, lang);
    }
    out.ok = true;
  };

  RegisterOptions register_options;
  register_options.stdin_format = options.stdin_format;
  RegisterReader reader(options.activities, register_options);
  Sink sink(options.keep_going);
  if (!sink.usable()) {
    std::cerr << "souple: eval: cannot create a temporary file for the results [E5001]\n";
    return kInvalidInput;
  }
  Progress progress(!options.quiet && ::isatty(STDERR_FILENO));
  Diagnostics diags;
  bool failing = false;
  size_t written = 0, done = 0;
  const size_t batch_size = 32 * jobs;
  std::vector<SourceFile> batch;
  std::vector<Outcome> outcomes;
  std::vector<Report> reports;  // --format html|markdown|sarif|junit
  bool more = true;
  while (more) {
    batch.clear();
    SourceFile source;
    while (batch.size() < batch_size && (more = reader.Next(source, diags))) batch.push_back(std::move(source));
    outcomes.assign(batch.size(), Outcome{});
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < batch.size();) evaluate(batch[i], outcomes[i]);
    };
    std::vector<std::thread> threads;
    for (size_t t = 1; t < std::min(jobs, batch.size()); ++t) threads.emplace_back(work);
    work();
    for (auto& th : threads) th.join();
    for (Outcome& o : outcomes) {
      diags.Append(o.diagnostics);
      ++done;
      if (!o.ok) continue;
      failing = failing || o.failing;
      if (document || whole_run) {
        reports.push_back(std::move(o.report));
        continue;
      }
      if (array) sink.Write(written == 0 ? "[\n" : ",\n");
      if (!json && !jsonl && written > 0) sink.Write("\n" + std::string(72, '-') + "\n\n");
      sink.Write(o.rendered);
      ++written;
    }
    progress.Update(done, reader.bytes_read(), reader.bytes_total());
    // Without --keep-going the first bad entry ends the run: nothing will be printed.
    if (diags.HasErrors() && !options.keep_going) break;
  }
  progress.Update(done, reader.bytes_read(), reader.bytes_total(), true);
  if (array) sink.Write(written == 0 ? "[]\n" : "]\n");
  // Written even after an error: the sink keeps it only with --keep-going (the valid entries,
  // as json and jsonl print them), and drops it otherwise.
  if (whole_run) {
    sink.Write(options.format == "junit" ? RenderJunit(reports, lang) : RenderSarif(reports, lang));
  }
  if (document && (!reports.empty() || several)) {
    HtmlOptions report_options;
    report_options.show_met = options.show_met;
    if (options.format == "html") {
      sink.Write(several ? RenderHtml(reports, lang, report_options) : RenderHtml(reports.front(), lang, report_options));
    } else {
      sink.Write(several ? RenderMarkdown(reports, lang, report_options)
                         : RenderMarkdown(reports.front(), lang, report_options));
    }
  }
  PrintDiagnostics(diags, options.policies.diagnostics_format);
  if (diags.HasErrors()) return kInvalidInput;
  if (!sink.Commit()) {
    std::cerr << "souple: eval: cannot keep the results in a temporary file [E5001]\n";
    return kInvalidInput;
  }
  return failing ? kFindings : kOk;
}

}  // namespace souple::cli
