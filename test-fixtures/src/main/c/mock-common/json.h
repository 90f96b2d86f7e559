/*
 * A small, bounded JSON reader for the mocks' machine profiles: RFC 8259 syntax into a tree of
 * values held in one allocation. Limits keep hostile or broken input from costing more than a few
 * megabytes: text size, nesting depth, value count, string and number length.
 */
#ifndef HAMI_MOCK_JSON_H
#define HAMI_MOCK_JSON_H

#include <stddef.h>

#define JSON_MAX_TEXT (1024 * 1024)
#define JSON_MAX_DEPTH 32
#define JSON_MAX_VALUES 16384
#define JSON_MAX_STRING 4096

typedef enum { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    int line, column;            /* where the value starts, for messages */
    const char *key;             /* the member name, when this value is an object member */
    const char *string;          /* JSON_STRING, NUL-terminated, no embedded NUL */
    int is_integer;              /* JSON_NUMBER without fraction or exponent, fitting in long long */
    long long integer;
    double number;
    struct json_value *child;    /* first element or member */
    struct json_value *next;     /* next sibling */
    size_t length;               /* number of elements or members */
} json_value;

typedef struct {
    json_value *values;
    size_t used, capacity;
    char *strings;
    size_t strings_used, strings_capacity;
} json_doc;

/* Parses text[0..len); on failure returns -1 and writes "line L, column C: problem" into err. */
int json_parse(const char *text, size_t len, json_doc *doc, json_value **root, char *err, size_t errlen);
void json_free(json_doc *doc);

/* The member named key of an object, or NULL. */
const json_value *json_member(const json_value *object, const char *key);
const char *json_type_name(json_type type);

#endif
