// Helpers for the reader tests: temporary files and column comparison.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "airm/table.h"

namespace airm::io_test {

// A file under a per-test temporary directory, removed with the directory.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("airm_io_test_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::string path = (dir_ / name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

// The whole content of a file (empty when it cannot be read).
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Whether two columns hold the same type, validity and values (categorical
// columns compared by their text, so dictionary order does not matter).
inline ::testing::AssertionResult SameColumn(const Column& a, const Column& b) {
  if (a.name() != b.name()) return ::testing::AssertionFailure() << a.name() << " vs " << b.name();
  if (a.type() != b.type()) {
    return ::testing::AssertionFailure()
           << a.name() << ": type " << DataTypeName(a.type()) << " vs " << DataTypeName(b.type());
  }
  if (a.size() != b.size()) return ::testing::AssertionFailure() << a.name() << ": size";
  for (size_t row = 0; row < a.size(); ++row) {
    if (a.IsValid(row) != b.IsValid(row)) {
      return ::testing::AssertionFailure() << a.name() << ": validity differs at row " << row;
    }
    if (a.IsValid(row) && a.TextAt(row) != b.TextAt(row)) {
      return ::testing::AssertionFailure()
             << a.name() << ": row " << row << ": " << a.TextAt(row) << " vs " << b.TextAt(row);
    }
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult SameTable(const Table& a, const Table& b) {
  if (a.num_columns() != b.num_columns() || a.num_rows() != b.num_rows()) {
    return ::testing::AssertionFailure() << "shape " << a.num_rows() << "x" << a.num_columns()
                                         << " vs " << b.num_rows() << "x" << b.num_columns();
  }
  for (size_t c = 0; c < a.num_columns(); ++c) {
    auto r = SameColumn(a.column(c), b.column(c));
    if (!r) return r;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace airm::io_test
