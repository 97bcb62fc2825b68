// A minimal Parquet writer for the reader's tests: hand-built pages in any
// encoding, with header fields that may lie, assembled into a file with a
// Thrift compact footer. It exists to make what DuckDB will not write
// (DELTA_BYTE_ARRAY, RLE booleans, INT96, legacy annotations) and corrupt
// files whose every claimed size and offset the test chooses.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace airm::io_test {

// Thrift compact protocol, writing side.
class ThriftWriter {
 public:
  void Field(int16_t id, uint8_t type) {
    const int delta = id - last_.back();
    if (delta > 0 && delta <= 15) {
      out_.push_back(static_cast<char>((delta << 4) | type));
    } else {
      out_.push_back(static_cast<char>(type));
      ZigZag(id);
    }
    last_.back() = id;
  }
  void I32(int16_t id, int64_t v) { Field(id, 5), ZigZag(v); }
  void I64(int16_t id, int64_t v) { Field(id, 6), ZigZag(v); }
  void Bool(int16_t id, bool v) { Field(id, v ? 1 : 2); }
  void Binary(int16_t id, const std::string& v) {
    Field(id, 8);
    Varint(v.size());
    out_ += v;
  }
  void BeginStruct(int16_t id) {
    Field(id, 12);
    last_.push_back(0);
  }
  // A struct as a list element (no field header).
  void BeginElement() { last_.push_back(0); }
  void EndStruct() {
    out_.push_back(0);
    last_.pop_back();
  }
  void List(int16_t id, uint8_t element, std::size_t size) {
    Field(id, 9);
    if (size < 15) {
      out_.push_back(static_cast<char>((size << 4) | element));
    } else {
      out_.push_back(static_cast<char>(0xF0 | element));
      Varint(size);
    }
  }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void ZigZag(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Raw(const std::string& bytes) { out_ += bytes; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  std::vector<int> last_{0};
};

inline std::string Le32(uint32_t v) {
  std::string s(4, '\0');
  std::memcpy(s.data(), &v, 4);
  return s;
}

// DELTA_BINARY_PACKED with one block of 128 values in 4 miniblocks of 32
// (the layout parquet-mr writes); values.size() <= 129.
inline std::string DeltaBinaryPacked(const std::vector<int64_t>& values) {
  ThriftWriter w;
  w.Varint(128);
  w.Varint(4);
  w.Varint(values.size());
  w.ZigZag(values.empty() ? 0 : values[0]);
  if (values.size() <= 1) return w.Take();
  std::vector<int64_t> deltas;
  for (std::size_t i = 1; i < values.size(); ++i) deltas.push_back(values[i] - values[i - 1]);
  int64_t min_delta = deltas[0];
  for (int64_t d : deltas) min_delta = std::min(min_delta, d);
  w.ZigZag(min_delta);
  int width = 0;
  for (int64_t d : deltas) {
    while (width < 64 && (static_cast<uint64_t>(d - min_delta) >> width) != 0) ++width;
  }
  const std::size_t used = (deltas.size() + 31) / 32;
  std::string widths;
  for (std::size_t m = 0; m < 4; ++m) widths.push_back(static_cast<char>(m < used ? width : 0));
  w.Raw(widths);
  for (std::size_t m = 0; m < used; ++m) {
    std::string packed(static_cast<std::size_t>(32 * width / 8), '\0');
    for (std::size_t i = 0; i < 32; ++i) {
      const std::size_t at = m * 32 + i;
      const uint64_t v = at < deltas.size() ? static_cast<uint64_t>(deltas[at] - min_delta) : 0;
      for (int b = 0; b < width; ++b) {
        if ((v >> b) & 1) {
          const std::size_t bit = i * static_cast<std::size_t>(width) + static_cast<std::size_t>(b);
          packed[bit / 8] = static_cast<char>(packed[bit / 8] | (1 << (bit % 8)));
        }
      }
    }
    w.Raw(packed);
  }
  return w.Take();
}

// An RLE / bit-packed hybrid run of `count` copies of `value` (bit width <= 8).
inline std::string RleRun(uint32_t count, uint8_t value) {
  ThriftWriter w;
  w.Varint(static_cast<uint64_t>(count) << 1);
  w.Raw(std::string(1, static_cast<char>(value)));
  return w.Take();
}

// Definition levels 0/1 of a data page v1: length-prefixed RLE, bit-packed.
inline std::string BitPackedLevels(const std::vector<int>& levels) {
  const std::size_t groups = (levels.size() + 7) / 8;
  ThriftWriter w;
  w.Varint((groups << 1) | 1);
  std::string bits(groups, '\0');
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
  }
  w.Raw(bits);
  return w.Take();
}

struct TestPage {
  int type = 0;  // 0 DATA_PAGE, 2 DICTIONARY_PAGE, 3 DATA_PAGE_V2
  int encoding = 0;
  int32_t num_values = 0;
  std::string body;  // as stored (already compressed if the column's codec says so)
  std::optional<int32_t> uncompressed_size{};  // default: body.size()
  std::optional<int32_t> compressed_size{};    // default: body.size() (a lie if set)
  int32_t num_nulls = 0;                       // v2
  int32_t def_levels_length = 0;               // v2: body starts with them
  bool is_compressed = true;                   // v2
};

struct TestColumn {
  std::string name;
  int physical = 1;
  int repetition = 1;  // 0 REQUIRED, 1 OPTIONAL
  std::optional<int> converted{};
  int scale = 0;
  int precision = 0;
  int type_length = 0;
  int codec = 0;
  std::vector<TestPage> pages{};
  std::optional<int64_t> data_page_offset{};  // a lie if set
  std::optional<int64_t> total_size{};        // a lie if set
};

inline std::string PageHeaderBytes(const TestPage& p) {
  ThriftWriter w;
  w.I32(1, p.type);
  w.I32(2, p.uncompressed_size.value_or(static_cast<int32_t>(p.body.size())));
  w.I32(3, p.compressed_size.value_or(static_cast<int32_t>(p.body.size())));
  if (p.type == 0) {
    w.BeginStruct(5);
    w.I32(1, p.num_values);
    w.I32(2, p.encoding);
    w.I32(3, 3);
    w.I32(4, 3);
    w.EndStruct();
  } else if (p.type == 2) {
    w.BeginStruct(7);
    w.I32(1, p.num_values);
    w.I32(2, p.encoding);
    w.EndStruct();
  } else {
    w.BeginStruct(8);
    w.I32(1, p.num_values);
    w.I32(2, p.num_nulls);
    w.I32(3, p.num_values);
    w.I32(4, p.encoding);
    w.I32(5, p.def_levels_length);
    w.I32(6, 0);
    w.Bool(7, p.is_compressed);
    w.EndStruct();
  }
  w.EndStruct();
  return w.Take();
}

// A valid optional INT32 column `name` = 1, 2, 3 in one PLAIN page: the base
// the tests corrupt.
inline TestColumn IntColumn(const std::string& name = "x") {
  const std::string levels = RleRun(3, 1);
  TestColumn c{.name = name, .physical = 1, .repetition = 1};
  c.pages.push_back(
      {.type = 0,
       .encoding = 0,
       .num_values = 3,
       .body = Le32(static_cast<uint32_t>(levels.size())) + levels + Le32(1) + Le32(2) + Le32(3)});
  return c;
}

// One row group of `rows` rows, one chunk per column.
inline std::string WriteParquet(const std::vector<TestColumn>& columns, int64_t rows) {
  std::string file = "PAR1";
  std::vector<int64_t> offsets, sizes, values;
  for (const TestColumn& c : columns) {
    offsets.push_back(static_cast<int64_t>(file.size()));
    int64_t count = 0;
    for (const TestPage& p : c.pages) {
      file += PageHeaderBytes(p) + p.body;
      if (p.type != 2) count += p.num_values;
    }
    sizes.push_back(static_cast<int64_t>(file.size()) - offsets.back());
    values.push_back(count);
  }
  ThriftWriter w;
  w.I32(1, 1);
  w.List(2, 12, columns.size() + 1);
  w.BeginElement();
  w.Binary(4, "schema");
  w.I32(5, static_cast<int32_t>(columns.size()));
  w.EndStruct();
  for (const TestColumn& c : columns) {
    w.BeginElement();
    w.I32(1, c.physical);
    if (c.type_length) w.I32(2, c.type_length);
    w.I32(3, c.repetition);
    w.Binary(4, c.name);
    if (c.converted) w.I32(6, *c.converted);
    if (c.converted && *c.converted == 5) {
      w.I32(7, c.scale);
      w.I32(8, c.precision);
    }
    w.EndStruct();
  }
  w.I64(3, rows);
  w.List(4, 12, 1);
  w.BeginElement();
  w.List(1, 12, columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const TestColumn& c = columns[i];
    w.BeginElement();
    w.I64(2, offsets[i]);
    w.BeginStruct(3);
    w.I32(1, c.physical);
    w.List(2, 5, 1);
    w.ZigZag(0);
    w.List(3, 8, 1);
    w.Varint(c.name.size());
    w.Raw(c.name);
    w.I32(4, c.codec);
    w.I64(5, values[i]);
    w.I64(6, sizes[i]);
    w.I64(7, c.total_size.value_or(sizes[i]));
    w.I64(9, c.data_page_offset.value_or(offsets[i]));
    w.EndStruct();
    w.EndStruct();
  }
  w.I64(2, 0);
  w.I64(3, rows);
  w.EndStruct();
  w.EndStruct();
  const std::string footer = w.Take();
  file += footer + Le32(static_cast<uint32_t>(footer.size())) + "PAR1";
  return file;
}

}  // namespace airm::io_test
