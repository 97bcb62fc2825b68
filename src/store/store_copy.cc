#include "airm/store/store_copy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

#include "airm/sha256.h"
#include "migrations.h"

namespace airm::store {
namespace {

Result<std::vector<std::string>> Columns(Database& db, const std::string& table) {
  std::vector<std::string> columns;
  if (db.dialect() == SqlDialect::kSqlite) {
    AIRM_RETURN_IF_ERROR(db.QueryEach("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table},
                                      [&](const Row& row) {
                                        columns.push_back(row.Text(0));
                                        return Status::Ok();
                                      }));
  } else {
    AIRM_RETURN_IF_ERROR(db.QueryEach(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = ? ORDER BY ordinal_position",
        {table}, [&](const Row& row) {
          columns.push_back(row.Text(0));
          return Status::Ok();
        }));
  }
  if (columns.empty()) {
    return Status::Corrupt(db.Describe() + ": the store has no table '" + table + "'");
  }
  return columns;
}

std::string JoinColumns(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// The canonical bytes of one row: a type letter and the value per cell.
void EncodeRow(const Row& row, std::string* out) {
  out->clear();
  for (size_t i = 0; i < row.size(); ++i) {
    const Value& v = row[i];
    if (std::holds_alternative<std::monostate>(v)) {
      out->append("n;");
    } else if (const int64_t* n = std::get_if<int64_t>(&v)) {
      out->append("i").append(std::to_string(*n)).append(";");
    } else if (const double* d = std::get_if<double>(&v)) {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
      out->append("r").append(buffer, end).append(";");
    } else {
      const std::string& s = std::get<std::string>(v);
      out->append("t").append(std::to_string(s.size())).append(":").append(s);
    }
  }
}

}  // namespace

std::vector<std::string> StoreTables() {
  // The migrations are the one list of tables; their CREATE TABLE order is
  // the dependency order.
  static const std::regex kCreate(R"(CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+))",
                                  std::regex::icase);
  std::vector<std::string> tables;
  for (const Migration& m : EmbeddedMigrations()) {
    const std::string sql(m.sql);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kCreate);
         it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1].str();
      if (std::find(tables.begin(), tables.end(), name) == tables.end()) tables.push_back(name);
    }
  }
  return tables;
}

Result<TableContent> DescribeTable(Database& db, const std::string& table) {
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> columns, Columns(db, table));
  std::vector<std::string> row_digests;
  std::string encoded;
  AIRM_RETURN_IF_ERROR(
      db.QueryEach("SELECT " + JoinColumns(columns) + " FROM " + table, {}, [&](const Row& row) {
        EncodeRow(row, &encoded);
        row_digests.push_back(Sha256Hex(encoded));
        return Status::Ok();
      }));
  std::sort(row_digests.begin(), row_digests.end());
  std::string all;
  all.reserve(row_digests.size() * 65);
  for (const std::string& d : row_digests) all.append(d).append("\n");
  return TableContent{table, static_cast<int64_t>(row_digests.size()), "sha256:" + Sha256Hex(all)};
}

Result<int64_t> CountStoreRows(Database& db) {
  int64_t total = 0;
  for (const std::string& table : StoreTables()) {
    AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query("SELECT COUNT(*) FROM " + table));
    total += rows[0].Int(0);
  }
  return total;
}

Status EmptyStoreTables(Database& to) {
  std::vector<std::string> tables = StoreTables();
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
    AIRM_RETURN_IF_ERROR(to.Execute("DELETE FROM " + *it));
  }
  return Status::Ok();
}

Result<int64_t> CopyTable(Database& from, Database& to, const std::string& table) {
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> columns, Columns(from, table));
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> target_columns, Columns(to, table));
  std::vector<std::string> a = columns, b = target_columns;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) {
    return Status::InvalidArgument(table + ": the columns differ between " + from.Describe() +
                                   " (" + JoinColumns(columns) + ") and " + to.Describe() + " (" +
                                   JoinColumns(target_columns) + ")");
  }
  std::string placeholders;
  for (size_t i = 0; i < columns.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<PreparedStatement> insert,
                        to.Prepare("INSERT INTO " + table + " (" + JoinColumns(columns) +
                                   ") VALUES (" + placeholders + ")"));
  int64_t copied = 0;
  std::vector<Value> values;
  AIRM_RETURN_IF_ERROR(from.QueryEach("SELECT " + JoinColumns(columns) + " FROM " + table, {},
                                      [&](const Row& row) -> Status {
                                        values.clear();
                                        for (size_t i = 0; i < row.size(); ++i)
                                          values.push_back(row[i]);
                                        AIRM_RETURN_IF_ERROR(insert->Run(values));
                                        ++copied;
                                        return Status::Ok();
                                      }));
  if (to.dialect() == SqlDialect::kPostgresql) {
    // Keys were copied as they were: the next generated key must follow them.
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> identity,
        to.Query("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                 " current_schema() AND table_name = ? AND is_identity = 'YES'",
                 {table}));
    for (const Row& column : identity) {
      const std::string& c = column.Text(0);
      AIRM_RETURN_IF_ERROR(to.Execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" +
                                      c + "'), COALESCE(MAX(" + c + "), 0) + 1, false) FROM " +
                                      table));
    }
  }
  return copied;
}

}  // namespace airm::store
