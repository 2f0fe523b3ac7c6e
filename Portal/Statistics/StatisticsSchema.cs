namespace Portal.Statistics;

/// <summary>
/// The JSON Schema of <see cref="StatisticsJson"/>, served at <see cref="StatisticsEndpoints.SchemaPath"/>
/// so that a data portal can validate what it harvests. Kept beside the writer; a test checks that
/// a written document has every property the schema requires.
/// </summary>
public static class StatisticsSchema
{
    public const string Json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Statistik pelatihan kerja Kota Serang",
          "description": "Angka satu tahun (tahun hari pertama pelatihan), untuk satu program dan/atau sumber dana bila dipilih. Pendaftaran yang dibatalkan dan gelombang contoh tidak dihitung. Angka 1 sampai suppressionThreshold - 1 tidak diterbitkan: value null dan suppressed true; satu angka lain dalam baris/kolom berjumlah ikut disembunyikan bila perlu. Angka 0 diterbitkan.",
          "type": "object",
          "required": ["$schema", "title", "licence", "source", "url", "generated", "lastModified", "suppressionThreshold", "filters", "recordedBatches", "tables"],
          "properties": {
            "$schema": { "type": "string", "format": "uri" },
            "title": { "type": "string" },
            "licence": {
              "type": "object",
              "required": ["name", "url"],
              "properties": { "name": { "type": "string", "description": "Mis. CC BY 4.0" }, "url": { "type": "string", "format": "uri" } }
            },
            "source": { "type": "string", "description": "Sumber yang wajib disebut saat memakai data." },
            "url": { "type": "string", "format": "uri", "description": "Alamat dokumen ini." },
            "generated": { "type": "string", "format": "date-time", "description": "Saat angka dihitung (WIB, +07:00)." },
            "lastModified": { "type": "string", "format": "date-time", "description": "Perubahan data terbaru (pendaftaran, gelombang, program); sama dengan header Last-Modified." },
            "suppressionThreshold": { "type": "integer", "minimum": 1, "description": "Angka di bawah ini (kecuali 0) disembunyikan." },
            "filters": {
              "type": "object",
              "required": ["year", "programme", "funding"],
              "properties": {
                "year": { "type": "integer" },
                "programme": { "type": ["string", "null"], "description": "Slug program, null untuk semua program." },
                "funding": { "enum": ["APBD", "APBN", null] }
              }
            },
            "recordedBatches": {
              "type": "array",
              "items": { "type": "string" },
              "description": "Gelombang yang angkanya dicatat kantor (pendaftaran di atas kertas); angka itu menggantikan, bukan menambah, pendaftaran di portal."
            },
            "tables": { "type": "array", "items": { "$ref": "#/$defs/table" } }
          },
          "$defs": {
            "table": {
              "type": "object",
              "required": ["key", "title", "labelHeader", "chart", "csv", "note", "columns", "rows", "total"],
              "properties": {
                "key": { "type": "string", "description": "Nama tetap tabel, juga nama berkas CSV-nya." },
                "title": { "type": "string" },
                "labelHeader": { "type": "string", "description": "Judul kolom label baris." },
                "chart": { "enum": ["bar", "line"] },
                "csv": { "type": "string", "format": "uri" },
                "note": { "type": ["string", "null"] },
                "columns": { "type": "array", "items": { "$ref": "#/$defs/column" } },
                "rows": { "type": "array", "items": { "$ref": "#/$defs/row" } },
                "total": { "oneOf": [{ "$ref": "#/$defs/row" }, { "type": "null" }], "description": "Baris jumlah, bila tabel berjumlah." }
              }
            },
            "column": {
              "type": "object",
              "required": ["key", "title", "kind", "plotted"],
              "properties": {
                "key": { "type": "string" },
                "title": { "type": "string" },
                "kind": { "enum": ["count", "percent"], "description": "count: jumlah orang/gelombang/kursi; percent: persentase dengan satu desimal." },
                "plotted": { "type": "boolean" }
              }
            },
            "row": {
              "type": "object",
              "required": ["label", "recorded", "cells"],
              "properties": {
                "label": { "type": "string" },
                "recorded": { "type": "boolean", "description": "Angka baris ini (atau sebagian) dicatat kantor." },
                "cells": { "type": "array", "items": { "$ref": "#/$defs/cell" }, "description": "Satu sel per kolom, urutan sama dengan columns." }
              }
            },
            "cell": {
              "type": "object",
              "required": ["value", "suppressed", "reason"],
              "properties": {
                "value": { "type": ["number", "null"], "description": "null bila disembunyikan, atau persentase atas nol." },
                "suppressed": { "type": "boolean" },
                "reason": {
                  "enum": ["small", "complementary", "rate", null],
                  "description": "small: angka 1 sampai ambang - 1 (di halaman '< 5'); complementary: angka lain yang ikut disembunyikan agar angka kecil tidak dapat dihitung dari jumlah (di halaman 'x'); rate: persentase dari angka yang disembunyikan."
                }
              }
            }
          }
        }
        """;
}
