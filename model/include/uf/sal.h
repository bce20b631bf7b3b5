/*
 * uf/sal.h - source annotations (SAL 2, the older __in / __out family, and
 * the driver annotations of driverspecs.h) as no-ops.
 *
 * Driver code carries annotations on nearly every declaration. They speak
 * to the code analysis tools (PREfast, SDV), never to the compiler, so the
 * real sal.h defines them empty whenever analysis is off; this file does the
 * same, so annotated code compiles unchanged with gcc and clang. The model
 * checks at run time what the IRQL and lock annotations promise (ddi.def).
 *
 * The list follows the families of sal.h and driverspecs.h: parameter and
 * return annotations with their buffer sizes, pre- and post-conditions,
 * structure fields, the structural ones (_At_, _When_, ...), lock and IRQL
 * annotations, and the __drv_ forms. Names glibc or libstdc++ use for their
 * own purposes (__null, __nonnull, __reserved, __range, ...) are left out.
 * Part of the shared base (uf/base.h includes it).
 */
#ifndef UNLOADFUZZ_UF_SAL_H
#define UNLOADFUZZ_UF_SAL_H

/* ---- parameters: input ---- */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(s)
#define _In_reads_opt_(s)
#define _In_reads_bytes_(s)
#define _In_reads_bytes_opt_(s)
#define _In_reads_z_(s)
#define _In_reads_opt_z_(s)
#define _In_reads_or_z_(s)
#define _In_reads_or_z_opt_(s)
#define _In_reads_to_ptr_(p)
#define _In_reads_to_ptr_opt_(p)
#define _In_reads_to_ptr_z_(p)
#define _In_reads_to_ptr_opt_z_(p)
#define _In_range_(l, h)
#define _In_NLS_string_(s)
#define _In_defensive_(a)

/* ---- parameters: output ---- */
#define _Out_
#define _Out_opt_
#define _Out_writes_(s)
#define _Out_writes_opt_(s)
#define _Out_writes_bytes_(s)
#define _Out_writes_bytes_opt_(s)
#define _Out_writes_z_(s)
#define _Out_writes_opt_z_(s)
#define _Out_writes_to_(s, c)
#define _Out_writes_to_opt_(s, c)
#define _Out_writes_all_(s)
#define _Out_writes_all_opt_(s)
#define _Out_writes_bytes_to_(s, c)
#define _Out_writes_bytes_to_opt_(s, c)
#define _Out_writes_bytes_all_(s)
#define _Out_writes_bytes_all_opt_(s)
#define _Out_writes_to_ptr_(p)
#define _Out_writes_to_ptr_opt_(p)
#define _Out_writes_to_ptr_z_(p)
#define _Out_writes_to_ptr_opt_z_(p)
#define _Out_range_(l, h)
#define _Out_defensive_(a)

/* ---- parameters: input and output ---- */
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_opt_z_
#define _Inout_updates_(s)
#define _Inout_updates_opt_(s)
#define _Inout_updates_z_(s)
#define _Inout_updates_opt_z_(s)
#define _Inout_updates_to_(s, c)
#define _Inout_updates_to_opt_(s, c)
#define _Inout_updates_all_(s)
#define _Inout_updates_all_opt_(s)
#define _Inout_updates_bytes_(s)
#define _Inout_updates_bytes_opt_(s)
#define _Inout_updates_bytes_to_(s, c)
#define _Inout_updates_bytes_to_opt_(s, c)
#define _Inout_updates_bytes_all_(s)
#define _Inout_updates_bytes_all_opt_(s)
#define _Inout_defensive_(a)

/* ---- parameters: pointers to pointers ---- */
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_z_
#define _Outptr_opt_result_z_
#define _Outptr_result_maybenull_z_
#define _Outptr_opt_result_maybenull_z_
#define _Outptr_result_nullonfailure_
#define _Outptr_opt_result_nullonfailure_
#define _Outptr_result_buffer_(s)
#define _Outptr_opt_result_buffer_(s)
#define _Outptr_result_buffer_to_(s, c)
#define _Outptr_opt_result_buffer_to_(s, c)
#define _Outptr_result_buffer_all_(s)
#define _Outptr_opt_result_buffer_all_(s)
#define _Outptr_result_buffer_maybenull_(s)
#define _Outptr_opt_result_buffer_maybenull_(s)
#define _Outptr_result_bytebuffer_(s)
#define _Outptr_opt_result_bytebuffer_(s)
#define _Outptr_result_bytebuffer_to_(s, c)
#define _Outptr_opt_result_bytebuffer_to_(s, c)
#define _Outptr_result_bytebuffer_all_(s)
#define _Outptr_opt_result_bytebuffer_all_(s)
#define _Outptr_result_bytebuffer_maybenull_(s)
#define _Outptr_opt_result_bytebuffer_maybenull_(s)
#define _COM_Outptr_
#define _COM_Outptr_opt_
#define _COM_Outptr_result_maybenull_
#define _COM_Outptr_opt_result_maybenull_
#define _Outref_
#define _Outref_result_maybenull_
#define _Outref_result_buffer_(s)
#define _Outref_result_bytebuffer_(s)
#define _Outref_result_nullonfailure_
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_opt_out_
#define _Deref_opt_out_opt_
#define _Deref_out_z_
#define _Deref_out_opt_z_
#define _Deref_out_range_(l, h)
#define _Deref_in_range_(l, h)
#define _Deref_inout_range_(l, h)
#define _Deref_pre_z_
#define _Deref_post_z_
#define _Deref_pre_maybenull_
#define _Deref_post_maybenull_
#define _Deref_post_null_
#define _Deref_pre_notnull_
#define _Deref_post_notnull_

/* ---- return values ---- */
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_null_
#define _Ret_z_
#define _Ret_maybenull_z_
#define _Ret_valid_
#define _Ret_writes_(s)
#define _Ret_writes_z_(s)
#define _Ret_writes_bytes_(s)
#define _Ret_writes_maybenull_(s)
#define _Ret_writes_maybenull_z_(s)
#define _Ret_writes_bytes_maybenull_(s)
#define _Ret_writes_to_(s, c)
#define _Ret_writes_bytes_to_(s, c)
#define _Ret_writes_to_maybenull_(s, c)
#define _Ret_writes_bytes_to_maybenull_(s, c)
#define _Ret_range_(l, h)
#define _Must_inspect_result_
#define _Check_return_
#define _Success_(e)
#define _Return_type_success_(e)
#define _Points_to_data_

/* ---- pre- and post-conditions ---- */
#define _Pre_
#define _Post_
#define _Pre_z_
#define _Post_z_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_null_
#define _Pre_valid_
#define _Pre_opt_valid_
#define _Pre_invalid_
#define _Pre_unknown_
#define _Pre_readable_size_(s)
#define _Pre_readable_byte_size_(s)
#define _Pre_writable_size_(s)
#define _Pre_writable_byte_size_(s)
#define _Pre_satisfies_(e)
#define _Pre_equal_to_(e)
#define _Pre_defensive_
#define _Post_readable_size_(s)
#define _Post_readable_byte_size_(s)
#define _Post_writable_size_(s)
#define _Post_writable_byte_size_(s)
#define _Post_valid_
#define _Post_invalid_
#define _Post_ptr_invalid_
#define _Post_notnull_
#define _Post_null_
#define _Post_maybenull_
#define _Post_maybez_
#define _Post_equal_to_(e)
#define _Post_satisfies_(e)
#define _Post_defensive_
#define _Notref_
#define _Deref_
#define _Const_
#define _Unchanged_(e)
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Reserved_

/* ---- structure fields ---- */
#define _Field_size_(s)
#define _Field_size_opt_(s)
#define _Field_size_bytes_(s)
#define _Field_size_bytes_opt_(s)
#define _Field_size_part_(s, c)
#define _Field_size_part_opt_(s, c)
#define _Field_size_bytes_part_(s, c)
#define _Field_size_bytes_part_opt_(s, c)
#define _Field_size_full_(s)
#define _Field_size_full_opt_(s)
#define _Field_size_bytes_full_(s)
#define _Field_size_bytes_full_opt_(s)
#define _Field_z_
#define _Field_range_(l, h)
#define _Struct_size_bytes_(s)

/* ---- structural and analysis-only ---- */
#define _At_(t, a)
#define _At_buffer_(t, i, b, a)
#define _When_(c, a)
#define _Group_(a)
#define _On_failure_(a)
#define _Always_(a)
#define _Satisfies_(e)
#define _Null_terminated_
#define _NullNull_terminated_
#define _Literal_
#define _Notliteral_
#define _Null_
#define _Notnull_
#define _Maybenull_
#define _Valid_
#define _Notvalid_
#define _Maybevalid_
#define _Readable_bytes_(s)
#define _Readable_elements_(s)
#define _Writable_bytes_(s)
#define _Writable_elements_(s)
#define _Printf_format_string_
#define _Scanf_format_string_
#define _Scanf_s_format_string_
#define _Printf_format_string_params_(n)
#define _Format_string_impl_(k, p)
#define _Use_decl_annotations_
#define _Strict_type_match_
#define _Inexpressible_(e)
#define _Old_(e)
#define _Param_(n)
#define _Curr_
#define _Nullterm_length_(p)
#define _String_length_(p)
#define _Analysis_assume_(e)
#define _Analysis_assume_nullterminated_(p)
#define _Analysis_mode_(m)
#define _Analysis_noreturn_
#define _Raises_SEH_exception_
#define _Maybe_raises_SEH_exception_
#define _Benign_race_begin_
#define _Benign_race_end_
#define _No_competing_thread_
#define _No_competing_thread_begin_
#define _No_competing_thread_end_
#define _Interlocked_
#define _Interlocked_operand_
#define _Enum_is_bitflag_
#define __analysis_assume(e)
#define __analysis_assert(e)

/* ---- locks ---- */
#define _Guarded_by_(l)
#define _Write_guarded_by_(l)
#define _Has_lock_kind_(k)
#define _Has_lock_level_(l)
#define _Lock_level_order_(a, b)
#define _Create_lock_level_(l)
#define _Requires_lock_held_(l)
#define _Requires_lock_not_held_(l)
#define _Requires_no_locks_held_
#define _Requires_exclusive_lock_held_(l)
#define _Requires_shared_lock_held_(l)
#define _Acquires_lock_(l)
#define _Acquires_exclusive_lock_(l)
#define _Acquires_shared_lock_(l)
#define _Acquires_nonreentrant_lock_(l)
#define _Releases_lock_(l)
#define _Releases_exclusive_lock_(l)
#define _Releases_shared_lock_(l)
#define _Releases_nonreentrant_lock_(l)
#define _Post_same_lock_(a, b)
#define _Function_ignore_lock_checking_(l)
#define _Analysis_suppress_lock_checking_(l)

/* ---- driverspecs.h: IRQL, dispatch routines, resources, floating point ---- */
#define _IRQL_requires_(i)
#define _IRQL_requires_max_(i)
#define _IRQL_requires_min_(i)
#define _IRQL_requires_same_
#define _IRQL_saves_
#define _IRQL_saves_global_(k, p)
#define _IRQL_restores_
#define _IRQL_restores_global_(k, p)
#define _IRQL_raises_(i)
#define _IRQL_always_function_max_(i)
#define _IRQL_always_function_min_(i)
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _IRQL_requires_cancel_
#define _Function_class_(c)
#define _Dispatch_type_(t)
#define _Kernel_float_used_
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_requires_resource_held_(r)
#define _Kernel_requires_resource_not_held_(r)
#define _Kernel_acquires_resource_(r)
#define _Kernel_releases_resource_(r)
#define _Kernel_clear_do_init_(yn)
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_ignore_lock_checking_(l)
#define _Drv_allocatesMem_(k)
#define _Drv_freesMem_(k)
#define _Drv_aliasesMem_

/* ---- the older forms ---- */
#define __in
#define __in_opt
#define __in_z
#define __in_opt_z
#define __in_ecount(s)
#define __in_ecount_opt(s)
#define __in_bcount(s)
#define __in_bcount_opt(s)
#define __out
#define __out_opt
#define __out_z
#define __out_ecount(s)
#define __out_ecount_opt(s)
#define __out_bcount(s)
#define __out_bcount_opt(s)
#define __out_ecount_part(s, c)
#define __out_bcount_part(s, c)
#define __inout
#define __inout_opt
#define __inout_z
#define __inout_ecount(s)
#define __inout_ecount_opt(s)
#define __inout_bcount(s)
#define __inout_bcount_opt(s)
#define __deref_out
#define __deref_out_opt
#define __deref_opt_out
#define __deref_inout
#define __field_ecount(s)
#define __field_bcount(s)
#define __field_ecount_opt(s)
#define __field_bcount_opt(s)
#define __checkReturn
#define __success(e)
#define __nullterminated
#define __drv_aliasesMem
#define __drv_allocatesMem(k)
#define __drv_freesMem(k)
#define __drv_arg(e, a)
#define __drv_at(e, a)
#define __drv_when(c, a)
#define __drv_fun(a)
#define __drv_ret(a)
#define __drv_in(a)
#define __drv_out(a)
#define __drv_in_deref(a)
#define __drv_out_deref(a)
#define __drv_requiresIRQL(i)
#define __drv_maxIRQL(i)
#define __drv_minIRQL(i)
#define __drv_setsIRQL(i)
#define __drv_raisesIRQL(i)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(k, p)
#define __drv_restoresIRQLGlobal(k, p)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_isCancelIRQL
#define __drv_maxFunctionIRQL(i)
#define __drv_minFunctionIRQL(i)
#define __drv_dispatchType(t)
#define __drv_dispatchType_other
#define __drv_completionType(t)
#define __drv_functionClass(c)
#define __drv_floatUsed
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_interlocked
#define __drv_inTry
#define __drv_notInTry
#define __drv_preferredFunction(f, r)
#define __drv_reportError(e)
#define __drv_strictType(t, m)
#define __drv_strictTypeMatch(m)
#define __drv_typeConst
#define __drv_typeCond
#define __drv_typeBitset
#define __drv_typeExpr
#define __drv_valueIs(l)
#define __drv_constant
#define __drv_nonConstant
#define __drv_formatString(k)
#define __drv_isObjectPointer
#define __drv_acquiresResource(k)
#define __drv_releasesResource(k)
#define __drv_acquiresResourceGlobal(k, p)
#define __drv_releasesResourceGlobal(k, p)
#define __drv_mustHold(k)
#define __drv_mustHoldGlobal(k, p)
#define __drv_neverHold(k)
#define __drv_neverHoldGlobal(k, p)
#define __drv_clearDoInit(yn)
#define __drv_IoGetDmaAdapter
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_mustHoldCriticalRegion
#define __drv_neverHoldCriticalRegion
#define __drv_acquiresPriorityRegion
#define __drv_releasesPriorityRegion
#define __drv_mustHoldPriorityRegion
#define __drv_neverHoldPriorityRegion
#define __drv_acquiresExclusiveResource(k)
#define __drv_releasesExclusiveResource(k)
#define __drv_acquiresExclusiveResourceGlobal(k, p)
#define __drv_releasesExclusiveResourceGlobal(k, p)
#define __drv_declspec(x)
#define __drv_innerMustHoldGlobal(k, p)
#define __drv_innerNeverHoldGlobal(k, p)

#endif /* UNLOADFUZZ_UF_SAL_H */
