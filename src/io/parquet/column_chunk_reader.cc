#include "column_chunk_reader.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "airm/utf8.h"
#include "decompress.h"
#include "physical_values.h"
#include "plain_decoder.h"
#include "rle_decoder.h"
#include "value_decoder.h"

namespace airm::io::parquet {
namespace {

constexpr std::size_t kPageFloorBytes = std::size_t{64} << 20;

std::string PageName(std::size_t page) { return "page " + std::to_string(page) + ": "; }

// A page may decompress to at most max(64 MiB, ratio x its compressed size).
Status CheckPageSizes(const PageHeader& h, std::size_t remaining, const ReadOptions& options) {
  if (h.compressed_page_size < 0 || static_cast<std::size_t>(h.compressed_page_size) > remaining) {
    return Status::ParseError("compressed size " + std::to_string(h.compressed_page_size) +
                              " runs past the column chunk's " + std::to_string(remaining) +
                              " remaining bytes");
  }
  if (h.uncompressed_page_size < 0) return Status::ParseError("negative uncompressed size");
  const double ratio = options.max_decompression_ratio;
  const auto size = static_cast<std::size_t>(h.uncompressed_page_size);
  if (ratio != 0 && size > kPageFloorBytes &&
      static_cast<double>(size) > ratio * std::max(1, h.compressed_page_size)) {
    return Status::ParseError("claims " + std::to_string(size) + " bytes from " +
                              std::to_string(h.compressed_page_size) +
                              " compressed, more than max_decompression_ratio allows");
  }
  return Status::Ok();
}

// The page's bytes after decompression: a view of `compressed` itself when
// it is stored plain, else of `*buffer`.
Result<std::string_view> PageBytes(int32_t codec, std::string_view compressed, std::size_t size,
                                   std::string* buffer) {
  if (codec == static_cast<int32_t>(Codec::kUncompressed)) {
    if (compressed.size() != size) {
      return Status::ParseError("an UNCOMPRESSED page of " + std::to_string(compressed.size()) +
                                " bytes whose header says " + std::to_string(size));
    }
    return compressed;
  }
  AIRM_RETURN_IF_ERROR(Decompress(codec, compressed, size, buffer));
  return std::string_view(*buffer);
}

class ChunkDecoder {
 public:
  ChunkDecoder(const ColumnChunkMeta& meta, const ChunkContext& context, ColumnPart* out)
      : meta_(meta), context_(context), plan_(*context.plan), out_(out) {
    out_->type = plan_.type;
    value_context_.physical = plan_.physical;
    value_context_.type_length = plan_.type_length;
    value_context_.max_value_bytes = context.options->max_field_bytes;
  }

  Status Run(std::string_view bytes, int64_t rows) {
    std::size_t pos = 0;
    std::size_t page = 0;
    int64_t values = 0;
    while (pos < bytes.size() && values < meta_.num_values) {
      ++page;
      std::size_t header_size = 0;
      Result<PageHeader> header = ParsePageHeader(bytes.substr(pos), &header_size);
      if (!header.ok()) return Status::ParseError(PageName(page) + header.status().message());
      pos += header_size;
      Status status = CheckPageSizes(*header, bytes.size() - pos, *context_.options);
      if (status.ok()) {
        const std::string_view page_bytes = bytes.substr(pos, header->compressed_page_size);
        status = Page(*header, page_bytes, &values);
      }
      if (!status.ok()) return Status::ParseError(PageName(page) + status.message());
      pos += static_cast<std::size_t>(header->compressed_page_size);
    }
    // The lookup only serves decoding; the assembler needs the dictionary.
    out_->lookup = {};
    if (static_cast<int64_t>(out_->rows()) != rows) {
      return Status::ParseError("its pages hold " + std::to_string(out_->rows()) +
                                " values where the row group has " + std::to_string(rows) +
                                " rows");
    }
    return Status::Ok();
  }

 private:
  Status Page(const PageHeader& h, std::string_view page_bytes, int64_t* values) {
    switch (static_cast<PageType>(h.type)) {
      case PageType::kDictionaryPage:
        return Dictionary(h, page_bytes);
      case PageType::kDataPage:
      case PageType::kDataPageV2: {
        AIRM_RETURN_IF_ERROR(DataPage(h, page_bytes));
        *values += h.num_values;
        return Status::Ok();
      }
      case PageType::kIndexPage:
        return Status::Ok();
    }
    return Status::ParseError("unknown page type " + std::to_string(h.type));
  }

  Status Dictionary(const PageHeader& h, std::string_view page_bytes) {
    if (!h.has_dictionary_header) return Status::ParseError("dictionary page without its header");
    if (has_dictionary_ || out_->rows() > 0) {
      return Status::ParseError("a dictionary page after the chunk's first page");
    }
    if (h.encoding != encoding::kPlain && h.encoding != encoding::kPlainDictionary) {
      return Status::ParseError(std::string("a dictionary page in ") + EncodingName(h.encoding));
    }
    if (h.num_values < 0) return Status::ParseError("negative dictionary size");
    AIRM_RETURN_IF_ERROR(
        context_.budget->Charge(static_cast<std::size_t>(h.uncompressed_page_size)));
    AIRM_ASSIGN_OR_RETURN(
        std::string_view plain,
        PageBytes(meta_.codec, page_bytes, static_cast<std::size_t>(h.uncompressed_page_size),
                  &dictionary_buffer_));
    AIRM_RETURN_IF_ERROR(DecodePlain(plan_.physical, plan_.type_length, plain,
                                     static_cast<std::size_t>(h.num_values), &dictionary_));
    has_dictionary_ = true;
    value_context_.dictionary = &dictionary_;
    return Status::Ok();
  }

  // Definition levels of a flat column: 1 = value present, 0 = null.
  Status Levels(std::string_view data, std::size_t count) {
    levels_.assign(count, 1);
    if (plan_.max_definition_level == 0) return Status::Ok();
    RleDecoder decoder(data, 1);
    return decoder.Decode(levels_.data(), count);
  }

  Status DataPage(const PageHeader& h, std::string_view page_bytes) {
    const bool v2 = static_cast<PageType>(h.type) == PageType::kDataPageV2;
    if (v2 ? !h.has_data_header_v2 : !h.has_data_header) {
      return Status::ParseError("data page without its header");
    }
    if (h.num_values < 0) return Status::ParseError("negative value count");
    const auto count = static_cast<std::size_t>(h.num_values);
    // Levels and values of every row are charged before anything is stored.
    AIRM_RETURN_IF_ERROR(context_.budget->Charge(count * 8));
    std::string_view values;
    if (!v2) {
      AIRM_ASSIGN_OR_RETURN(
          std::string_view plain,
          PageBytes(meta_.codec, page_bytes, static_cast<std::size_t>(h.uncompressed_page_size),
                    &page_buffer_));
      if (plan_.max_definition_level > 0) {
        if (h.definition_level_encoding != encoding::kRle) {
          return Status::ParseError(std::string("definition levels in ") +
                                    EncodingName(h.definition_level_encoding) +
                                    ", which this reader does not support");
        }
        uint32_t length = 0;
        if (plain.size() < 4) return Status::ParseError("definition levels without their length");
        std::memcpy(&length, plain.data(), 4);
        if (length > plain.size() - 4) {
          return Status::ParseError("definition levels claim " + std::to_string(length) +
                                    " bytes, past the page's end");
        }
        AIRM_RETURN_IF_ERROR(Levels(plain.substr(4, length), count));
        values = plain.substr(4 + length);
      } else {
        AIRM_RETURN_IF_ERROR(Levels({}, count));
        values = plain;
      }
    } else {
      const int64_t rep = h.repetition_levels_byte_length;
      const int64_t def = h.definition_levels_byte_length;
      if (rep < 0 || def < 0 || rep + def > static_cast<int64_t>(page_bytes.size()) ||
          rep + def > h.uncompressed_page_size) {
        return Status::ParseError("level lengths " + std::to_string(rep) + " + " +
                                  std::to_string(def) + " past the page's end");
      }
      if (rep != 0) return Status::ParseError("repetition levels in a flat column");
      AIRM_RETURN_IF_ERROR(Levels(page_bytes.substr(0, static_cast<std::size_t>(def)), count));
      const std::string_view stored = page_bytes.substr(static_cast<std::size_t>(def));
      const auto size = static_cast<std::size_t>(h.uncompressed_page_size - def);
      if (h.is_compressed) {
        AIRM_ASSIGN_OR_RETURN(values, PageBytes(meta_.codec, stored, size, &page_buffer_));
      } else {
        values = stored;
      }
    }
    std::size_t present = 0;
    for (uint32_t level : levels_) {
      // Required columns have no levels: Levels stored 1 for every row.
      if (level > 1) {
        return Status::ParseError("definition level " + std::to_string(level) +
                                  " above the maximum " +
                                  std::to_string(plan_.max_definition_level));
      }
      present += level;
    }
    if (v2 && h.num_nulls >= 0 && static_cast<std::size_t>(h.num_nulls) != count - present) {
      return Status::ParseError("the header counts " + std::to_string(h.num_nulls) +
                                " nulls, the levels " + std::to_string(count - present));
    }
    if (plan_.type == DataType::kCategorical && has_dictionary_ &&
        (h.encoding == encoding::kRleDictionary || h.encoding == encoding::kPlainDictionary)) {
      return AppendDictionaryText(values, present);
    }
    batch_.Clear();
    value_context_.max_total_bytes = context_.budget->left();
    AIRM_RETURN_IF_ERROR(DecodeValues(h.encoding, values, present, value_context_, &batch_));
    if (batch_.size() != present) {
      return Status::Internal("decoded " + std::to_string(batch_.size()) + " values for " +
                              std::to_string(present));
    }
    return Append();
  }

  // `row`: 0-based within the row group.
  Status BadValue(std::size_t row) const {
    return Status::ParseError("row " + std::to_string(row + 1) +
                              " of the row group: a value outside the range of its type");
  }

  Status Append() {
    const std::size_t base = out_->rows();
    out_->valid.insert(out_->valid.end(), levels_.begin(), levels_.end());
    std::size_t k = 0;
    int64_t as_int = 0;
    double as_double = 0;
    switch (plan_.type) {
      case DataType::kBool:
        for (uint32_t level : levels_) out_->bools.push_back(level ? batch_.ints[k++] != 0 : 0);
        return Status::Ok();
      case DataType::kFloat64:
        for (std::size_t i = 0; i < levels_.size(); ++i) {
          as_double = 0;
          if (levels_[i]) {
            bool ok = true;
            if (plan_.conversion == Conversion::kFloat) {
              as_double = batch_.doubles[k++];
            } else if (plan_.conversion == Conversion::kDecimalInt) {
              ok = ConvertInt(plan_, batch_.ints[k++], &as_int, &as_double);
            } else {
              ok = ConvertBytes(plan_, batch_.bytes[k++], &as_int, &as_double);
            }
            if (!ok) return BadValue(base + i);
          }
          out_->doubles.push_back(as_double);
        }
        return Status::Ok();
      case DataType::kInt64:
      case DataType::kTimestamp:
        for (std::size_t i = 0; i < levels_.size(); ++i) {
          as_int = 0;
          if (levels_[i]) {
            const bool ok = plan_.conversion == Conversion::kInt96
                                ? ConvertBytes(plan_, batch_.bytes[k++], &as_int, &as_double)
                                : ConvertInt(plan_, batch_.ints[k++], &as_int, &as_double);
            if (!ok) return BadValue(base + i);
          }
          out_->ints.push_back(as_int);
        }
        return Status::Ok();
      default:
        for (std::size_t i = 0; i < levels_.size(); ++i) {
          int32_t code = 0;
          if (levels_[i]) {
            AIRM_ASSIGN_OR_RETURN(code, Intern(batch_.bytes[k++], base + i));
          }
          out_->codes.push_back(code);
        }
        return Status::Ok();
    }
  }

  // Text pages in dictionary encoding: each dictionary entry is converted,
  // checked and interned once per chunk, not once per row.
  Status AppendDictionaryText(std::string_view data, std::size_t present) {
    AIRM_RETURN_IF_ERROR(
        DecodeDictionaryIndices(data, present, dictionary_.bytes.size(), &indices_));
    dictionary_codes_.resize(dictionary_.bytes.size(), -1);
    const std::size_t base = out_->rows();
    out_->valid.insert(out_->valid.end(), levels_.begin(), levels_.end());
    std::size_t k = 0;
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      int32_t code = 0;
      if (levels_[i]) {
        const uint32_t index = indices_[k++];
        if (dictionary_codes_[index] < 0) {
          AIRM_ASSIGN_OR_RETURN(dictionary_codes_[index],
                                Intern(dictionary_.bytes[index], base + i));
        }
        code = dictionary_codes_[index];
      }
      out_->codes.push_back(code);
    }
    return Status::Ok();
  }

  Result<int32_t> Intern(std::string_view raw, std::size_t row) {
    const std::string_view text = ConvertText(plan_, raw, &scratch_);
    auto it = out_->lookup.find(text);
    if (it != out_->lookup.end()) return it->second;
    if (text.size() > context_.options->max_field_bytes) {
      return Status::ParseError("row " + std::to_string(row + 1) +
                                " of the row group: a value of " + std::to_string(text.size()) +
                                " bytes, more than max_field_bytes (" +
                                std::to_string(context_.options->max_field_bytes) + ")");
    }
    if (const std::size_t bad = FindInvalidUtf8(text); bad != text.size()) {
      return Status::ParseError("row " + std::to_string(row + 1) +
                                " of the row group: invalid UTF-8 at byte " +
                                std::to_string(bad + 1));
    }
    if (out_->dictionary.size() >= static_cast<std::size_t>(INT32_MAX)) {
      return Status::ParseError("more than 2^31 distinct strings in one column chunk");
    }
    AIRM_RETURN_IF_ERROR(context_.budget->Charge(text.size() + 32));
    const auto code = static_cast<int32_t>(out_->dictionary.size());
    out_->dictionary.emplace_back(text);
    out_->lookup.emplace(out_->dictionary.back(), code);
    return code;
  }

  const ColumnChunkMeta& meta_;
  const ChunkContext& context_;
  const ColumnPlan& plan_;
  ColumnPart* out_;
  ValueDecodeContext value_context_;
  bool has_dictionary_ = false;
  std::string dictionary_buffer_;
  PhysicalValues dictionary_;
  std::string page_buffer_;
  std::vector<uint32_t> levels_;
  std::vector<uint32_t> indices_;
  std::vector<int32_t> dictionary_codes_;  // dictionary index -> local code, -1 = not yet
  PhysicalValues batch_;
  std::string scratch_;
};

}  // namespace

Status DecodeColumnChunk(std::string_view bytes, const ColumnChunkMeta& meta, int64_t rows,
                         const ChunkContext& context, ColumnPart* out) {
  ChunkDecoder decoder(meta, context, out);
  return decoder.Run(bytes, rows);
}

}  // namespace airm::io::parquet
