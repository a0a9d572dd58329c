// SPDX-License-Identifier: Apache-2.0
#include "server/decision_log.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <utility>

namespace souple::cli::server {

namespace {

// UTC with milliseconds: 2026-12-03T07:40:00.123Z.
std::string Now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];  // room for any int the format could print
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace

std::unique_ptr<DecisionLog> DecisionLog::Open(const std::string& path, std::string& error) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) {
    error = "cannot open " + path + " for appending: " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<DecisionLog>(new DecisionLog(path, file));
}

DecisionLog::DecisionLog(std::string path, std::FILE* file)
    : path_(std::move(path)), file_(file), random_(std::random_device{}()) {}

bool DecisionLog::Reopen(std::string& error) {
  std::FILE* file = std::fopen(path_.c_str(), "a");
  if (file == nullptr) {
    error = "cannot open " + path_ + " for appending: " + std::strerror(errno);
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::fclose(file_);
  file_ = file;
  return true;
}

DecisionLog::~DecisionLog() { std::fclose(file_); }

std::string DecisionLog::Write(const Decision& d) {
  nlohmann::ordered_json line;
  std::lock_guard<std::mutex> lock(mutex_);
  const uint64_t hi = random_(), lo = random_();
  char id[40];
  std::snprintf(id, sizeof id, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0x0FFF),
                static_cast<unsigned>(0x8000 | ((lo >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  line["decision_id"] = id;
  line["time"] = Now();
  line["release_id"] = d.release_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.release_id);
  line["release_hash"] = d.release_hash.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.release_hash);
  line["policy_set_hash"] = d.policy_set_hash;
  line["evaluation_date"] = d.evaluation_date;
  line["activity_id"] = d.activity_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.activity_id);
  line["input_sha256"] = d.input_sha256;
  line["counts"] = d.counts;
  line["duration_ms"] = d.duration_ms;
  const std::string text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
  return id;
}

}  // namespace souple::cli::server
