#include "metadata.h"

#include <functional>

#include "thrift_compact.h"

namespace airm::io::parquet {
namespace {

// Reads one struct, handing each field to `on_field`, which returns true when
// it consumed the value and false to have it skipped.
using FieldHandler = std::function<Result<bool>(const ThriftField&)>;

Status ReadStruct(ThriftCompactReader& r, const FieldHandler& on_field) {
  AIRM_RETURN_IF_ERROR(r.BeginStruct());
  while (true) {
    AIRM_ASSIGN_OR_RETURN(ThriftField field, r.ReadField());
    if (field.type == ThriftType::kStop) break;
    AIRM_ASSIGN_OR_RETURN(bool consumed, on_field(field));
    if (!consumed) AIRM_RETURN_IF_ERROR(r.Skip(field.type));
  }
  return r.EndStruct();
}

Status WrongType(const char* what, const ThriftField& field) {
  return Status::ParseError(std::string("Thrift metadata: ") + what + " (field " +
                            std::to_string(field.id) + ") has wire type " +
                            std::to_string(static_cast<int>(field.type)));
}

Result<int32_t> I32(ThriftCompactReader& r, const ThriftField& f, const char* what) {
  if (f.type != ThriftType::kI32 && f.type != ThriftType::kI16 && f.type != ThriftType::kByte) {
    return WrongType(what, f);
  }
  // A compact-protocol byte is one raw byte, not a varint.
  if (f.type == ThriftType::kByte) {
    AIRM_ASSIGN_OR_RETURN(int8_t byte, r.ReadByte());
    return static_cast<int32_t>(byte);
  }
  return r.ReadI32();
}

Result<int64_t> I64(ThriftCompactReader& r, const ThriftField& f, const char* what) {
  if (f.type != ThriftType::kI64 && f.type != ThriftType::kI32) return WrongType(what, f);
  return r.ReadI64();
}

// Stores a field's value: the handlers' one-line "consumed" answer.
template <typename T, typename U>
Result<bool> Into(T& out, Result<U> value) {
  if (!value.ok()) return value.status();
  out = *value;
  return true;
}

Result<std::string_view> Binary(ThriftCompactReader& r, const ThriftField& f, const char* what) {
  if (f.type != ThriftType::kBinary) return WrongType(what, f);
  return r.ReadBinary();
}

Status ExpectStruct(const ThriftField& f, const char* what) {
  return f.type == ThriftType::kStruct ? Status::Ok() : WrongType(what, f);
}

// A list<struct> field, each element read by `read`. Elements are appended
// as they are read rather than reserved from the claimed size, so memory
// follows the bytes present.
template <typename T>
Result<bool> ReadStructList(ThriftCompactReader& r, const ThriftField& f, const char* what,
                            Status (*read)(ThriftCompactReader&, T*), std::vector<T>* out) {
  if (f.type != ThriftType::kList) return WrongType(what, f);
  AIRM_ASSIGN_OR_RETURN(ThriftList list, r.ReadListHeader());
  if (list.element != ThriftType::kStruct) {
    return Status::ParseError(std::string("Thrift metadata: ") + what +
                              " is not a list of structs");
  }
  out->clear();
  for (std::size_t i = 0; i < list.size; ++i) {
    out->emplace_back();
    AIRM_RETURN_IF_ERROR(read(r, &out->back()));
  }
  return true;
}

// TimeUnit is a union of empty structs: the field id names the unit.
Status ReadTimeUnit(ThriftCompactReader& r, TimeUnit* unit) {
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    if (f.id == 1) *unit = TimeUnit::kMillis;
    if (f.id == 2) *unit = TimeUnit::kMicros;
    if (f.id == 3) *unit = TimeUnit::kNanos;
    return false;
  });
}

Status ReadLogicalType(ThriftCompactReader& r, LogicalType* out) {
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    if (f.type != ThriftType::kStruct) return false;
    switch (f.id) {
      case 1:
        out->kind = LogicalKind::kString;
        return false;
      case 4:
        out->kind = LogicalKind::kEnum;
        return false;
      case 6:
        out->kind = LogicalKind::kDate;
        return false;
      case 12:
        out->kind = LogicalKind::kJson;
        return false;
      case 14:
        out->kind = LogicalKind::kUuid;
        return false;
      case 5:
        out->kind = LogicalKind::kDecimal;
        AIRM_RETURN_IF_ERROR(ReadStruct(r, [&](const ThriftField& g) -> Result<bool> {
          if (g.id == 1) {
            AIRM_ASSIGN_OR_RETURN(out->scale, I32(r, g, "decimal scale"));
            return true;
          }
          if (g.id == 2) {
            AIRM_ASSIGN_OR_RETURN(out->precision, I32(r, g, "decimal precision"));
            return true;
          }
          return false;
        }));
        return true;
      case 7:
      case 8:
        out->kind = f.id == 7 ? LogicalKind::kTime : LogicalKind::kTimestamp;
        AIRM_RETURN_IF_ERROR(ReadStruct(r, [&](const ThriftField& g) -> Result<bool> {
          if (g.id == 2 && g.type == ThriftType::kStruct) {
            AIRM_RETURN_IF_ERROR(ReadTimeUnit(r, &out->unit));
            return true;
          }
          return false;
        }));
        return true;
      case 10:
        out->kind = LogicalKind::kInteger;
        AIRM_RETURN_IF_ERROR(ReadStruct(r, [&](const ThriftField& g) -> Result<bool> {
          if (g.id == 1 && g.type == ThriftType::kByte) {
            AIRM_ASSIGN_OR_RETURN(out->bit_width, r.ReadByte());
            return true;
          }
          if (g.id == 2) {
            AIRM_ASSIGN_OR_RETURN(out->is_signed, r.ReadBool(g));
            return true;
          }
          return false;
        }));
        return true;
      default:
        out->kind = LogicalKind::kOther;
        return false;
    }
  });
}

Status ReadSchemaElement(ThriftCompactReader& r, SchemaElement* e) {
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 1:
        return Into(e->type, I32(r, f, "schema type"));
      case 2:
        return Into(e->type_length, I32(r, f, "type_length"));
      case 3:
        return Into(e->repetition, I32(r, f, "repetition_type"));
      case 4: {
        AIRM_ASSIGN_OR_RETURN(std::string_view name, Binary(r, f, "schema name"));
        e->name = std::string(name);
        return true;
      }
      case 5:
        return Into(e->num_children, I32(r, f, "num_children"));
      case 6:
        return Into(e->converted_type, I32(r, f, "converted_type"));
      case 7:
        return Into(e->scale, I32(r, f, "scale"));
      case 8:
        return Into(e->precision, I32(r, f, "precision"));
      case 10:
        AIRM_RETURN_IF_ERROR(ExpectStruct(f, "logicalType"));
        AIRM_RETURN_IF_ERROR(ReadLogicalType(r, &e->logical));
        return true;
      default:
        return false;
    }
  });
}

Status ReadColumnMetaData(ThriftCompactReader& r, ColumnChunkMeta* c) {
  c->has_meta_data = true;
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 1:
        return Into(c->type, I32(r, f, "column type"));
      case 3: {
        if (f.type != ThriftType::kList) return WrongType("path_in_schema", f);
        AIRM_ASSIGN_OR_RETURN(ThriftList list, r.ReadListHeader());
        if (list.element != ThriftType::kBinary) {
          return Status::ParseError("Thrift metadata: path_in_schema is not a list of strings");
        }
        for (std::size_t i = 0; i < list.size; ++i) {
          AIRM_ASSIGN_OR_RETURN(std::string_view part, r.ReadBinary());
          c->path.emplace_back(part);
        }
        return true;
      }
      case 4:
        return Into(c->codec, I32(r, f, "codec"));
      case 5:
        return Into(c->num_values, I64(r, f, "num_values"));
      case 7:
        return Into(c->total_compressed_size, I64(r, f, "total_compressed_size"));
      case 9:
        return Into(c->data_page_offset, I64(r, f, "data_page_offset"));
      case 11:
        return Into(c->dictionary_page_offset, I64(r, f, "dictionary_page_offset"));
      default:
        return false;
    }
  });
}

Status ReadColumnChunk(ThriftCompactReader& r, ColumnChunkMeta* c) {
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    if (f.id == 1) {
      AIRM_ASSIGN_OR_RETURN(std::string_view path, Binary(r, f, "file_path"));
      c->file_path = std::string(path);
      return true;
    }
    if (f.id == 3) {
      AIRM_RETURN_IF_ERROR(ExpectStruct(f, "meta_data"));
      AIRM_RETURN_IF_ERROR(ReadColumnMetaData(r, c));
      return true;
    }
    return false;
  });
}

Status ReadRowGroup(ThriftCompactReader& r, RowGroupMeta* g) {
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    if (f.id == 1) return ReadStructList(r, f, "columns", &ReadColumnChunk, &g->columns);
    if (f.id == 3) return Into(g->num_rows, I64(r, f, "row group num_rows"));
    return false;
  });
}

Status ReadDataPageHeader(ThriftCompactReader& r, PageHeader* h) {
  h->has_data_header = true;
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 1:
        return Into(h->num_values, I32(r, f, "num_values"));
      case 2:
        return Into(h->encoding, I32(r, f, "encoding"));
      case 3:
        return Into(h->definition_level_encoding, I32(r, f, "definition_level_encoding"));
      case 4:
        return Into(h->repetition_level_encoding, I32(r, f, "repetition_level_encoding"));
      default:
        return false;
    }
  });
}

Status ReadDictionaryPageHeader(ThriftCompactReader& r, PageHeader* h) {
  h->has_dictionary_header = true;
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 1:
        return Into(h->num_values, I32(r, f, "num_values"));
      case 2:
        return Into(h->encoding, I32(r, f, "encoding"));
      default:
        return false;
    }
  });
}

Status ReadDataPageHeaderV2(ThriftCompactReader& r, PageHeader* h) {
  h->has_data_header_v2 = true;
  return ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 1:
        return Into(h->num_values, I32(r, f, "num_values"));
      case 2:
        return Into(h->num_nulls, I32(r, f, "num_nulls"));
      case 3:
        return Into(h->num_rows, I32(r, f, "num_rows"));
      case 4:
        return Into(h->encoding, I32(r, f, "encoding"));
      case 5: {
        AIRM_ASSIGN_OR_RETURN(h->definition_levels_byte_length,
                              I32(r, f, "definition_levels_byte_length"));
        return true;
      }
      case 6: {
        AIRM_ASSIGN_OR_RETURN(h->repetition_levels_byte_length,
                              I32(r, f, "repetition_levels_byte_length"));
        return true;
      }
      case 7: {
        AIRM_ASSIGN_OR_RETURN(h->is_compressed, r.ReadBool(f));
        return true;
      }
      default:
        return false;
    }
  });
}

}  // namespace

const char* PhysicalTypeName(int32_t type) {
  static const char* const kNames[] = {"BOOLEAN", "INT32",  "INT64",      "INT96",
                                       "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return type >= 0 && type < 8 ? kNames[type] : "an unknown physical type";
}

Result<FileMetaData> ParseFileMetaData(std::string_view bytes) {
  ThriftCompactReader r(bytes);
  FileMetaData meta;
  AIRM_RETURN_IF_ERROR(ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 2:
        return ReadStructList(r, f, "schema", &ReadSchemaElement, &meta.schema);
      case 3:
        return Into(meta.num_rows, I64(r, f, "num_rows"));
      case 4:
        return ReadStructList(r, f, "row_groups", &ReadRowGroup, &meta.row_groups);
      case 6: {
        AIRM_ASSIGN_OR_RETURN(std::string_view created_by, Binary(r, f, "created_by"));
        meta.created_by = std::string(created_by);
        return true;
      }
      default:
        return false;
    }
  }));
  return meta;
}

Result<PageHeader> ParsePageHeader(std::string_view bytes, std::size_t* header_size) {
  ThriftCompactReader r(bytes);
  PageHeader h;
  AIRM_RETURN_IF_ERROR(ReadStruct(r, [&](const ThriftField& f) -> Result<bool> {
    switch (f.id) {
      case 1:
        return Into(h.type, I32(r, f, "page type"));
      case 2:
        return Into(h.uncompressed_page_size, I32(r, f, "uncompressed_page_size"));
      case 3:
        return Into(h.compressed_page_size, I32(r, f, "compressed_page_size"));
      case 5:
        AIRM_RETURN_IF_ERROR(ExpectStruct(f, "data_page_header"));
        AIRM_RETURN_IF_ERROR(ReadDataPageHeader(r, &h));
        return true;
      case 7:
        AIRM_RETURN_IF_ERROR(ExpectStruct(f, "dictionary_page_header"));
        AIRM_RETURN_IF_ERROR(ReadDictionaryPageHeader(r, &h));
        return true;
      case 8:
        AIRM_RETURN_IF_ERROR(ExpectStruct(f, "data_page_header_v2"));
        AIRM_RETURN_IF_ERROR(ReadDataPageHeaderV2(r, &h));
        return true;
      default:
        return false;
    }
  }));
  *header_size = r.position();
  return h;
}

}  // namespace airm::io::parquet
