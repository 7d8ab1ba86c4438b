/* tags.h - codec tags of the fields that secondary indexes are built from.
 * The store derives index keys straight from encoded records by tag, so
 * these numbers are part of the on-disk format: never reuse or renumber. */
#ifndef BACKOFFICE_TAGS_H
#define BACKOFFICE_TAGS_H

#define TAG_STAFF_NAME          2
#define TAG_CUSTOMER_NAME       2
#define TAG_MOVE_ITEM           2
#define TAG_INVOICE_NUMBER      3
#define TAG_INVOICE_CUSTOMER    4
#define TAG_INVOICE_CUSTOMER_NAME 5     /* the name as on the invoice */
#define TAG_INVOICE_CORRECTS    9
#define TAG_PAYMENT_INVOICE     2
#define TAG_CONTACT_CUSTOMER    2
#define TAG_APP_CUSTOMER        2
#define TAG_APP_TARGET          6
#define TAG_APP_SOURCE          7
#define TAG_CHARGE_CUSTOMER     2

#endif
