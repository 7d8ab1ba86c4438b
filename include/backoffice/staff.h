/* staff.h - employees. */
#ifndef BACKOFFICE_STAFF_H
#define BACKOFFICE_STAFF_H

#include <stdint.h>

#include "backoffice/date.h"

enum staff_status { STAFF_ACTIVE, STAFF_ON_LEAVE, STAFF_LEFT };

struct staff {
	uint32_t id;
	char name[121];
	char nif[16];
	char department[61];
	char position[61];
	uint32_t manager;
	bo_date hire_date, end_date;
	int32_t status;
	int64_t salary;         /* annual gross, cents */
	char email[121];
	char phone[33];
};

#endif
